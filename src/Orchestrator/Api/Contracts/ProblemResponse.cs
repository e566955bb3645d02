namespace Orchestrator.Api.Contracts;

/// <summary>
/// An RFC 9457 problem details body (<c>application/problem+json</c>) with the extension members the
/// API uses; a member not relevant to <see cref="Type"/> is absent.
/// </summary>
public sealed record ProblemResponse(
    string Type,
    string Title,
    int Status,
    string? Detail = null,
    string? Instance = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Errors = null,
    string? Syscall = null,
    string? Errno = null,
    IReadOnlyList<string>? Paths = null,
    IReadOnlyList<string>? RollbackErrors = null,
    string? Id = null,
    IReadOnlyList<string>? TeardownErrors = null);
