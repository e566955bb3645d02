namespace Orchestrator.Api.Contracts;

/// <summary>
/// The stable <c>type</c> URIs of the API's RFC 9457 problem details. Clients branch on these,
/// never on titles or details, so they never change once published.
/// </summary>
public static class ProblemTypes
{
    public const string Prefix = "urn:orchestrator:problem:";

    /// <summary>400: the request is malformed or invalid; <c>errors</c> maps each field to its messages.</summary>
    public const string Validation = Prefix + "validation";

    /// <summary>404: no sandbox, container or path by that id.</summary>
    public const string NotFound = Prefix + "not-found";

    /// <summary>409: the id exists, or the target's state does not allow the request.</summary>
    public const string Conflict = Prefix + "conflict";

    /// <summary>500: the kernel (or nydusd) refused a step; it was rolled back. Carries syscall, errno, paths, rollbackErrors.</summary>
    public const string NativeCallFailed = Prefix + "native-call-failed";

    /// <summary>503: the journal could not record a step; nothing further was done.</summary>
    public const string JournalUnavailable = Prefix + "journal-unavailable";

    /// <summary>503: the service is stopping (draining) or did not answer in time.</summary>
    public const string Unavailable = Prefix + "unavailable";

    /// <summary>500: a teardown finished but could not undo everything; <c>teardownErrors</c> lists every error.</summary>
    public const string TeardownIncomplete = Prefix + "teardown-incomplete";

    /// <summary>500: an unexpected failure; the detail says what.</summary>
    public const string Internal = Prefix + "internal";

    public const string MediaType = "application/problem+json";
}
