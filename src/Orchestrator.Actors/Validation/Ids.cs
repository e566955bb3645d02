using System.Text.RegularExpressions;

namespace Orchestrator.Actors.Validation;

/// <summary>
/// Sandbox and container ids become path components under the state dir and parts of
/// persistence ids, so they are restricted to a charset that can neither traverse (<c>/</c>,
/// <c>..</c>) nor be mistaken for an option or a hidden file.
/// </summary>
public static partial class Ids
{
    public const int MaxLength = 128;

    public static string? Problem(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "must not be empty";
        }

        if (id.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters, got {id.Length}";
        }

        if (id.Contains('/', StringComparison.Ordinal) || id.Contains("..", StringComparison.Ordinal))
        {
            return $"must not contain '/' or '..', got '{id}'";
        }

        return Allowed().IsMatch(id) ? null : $"must start with a letter or digit and contain only letters, digits, '_', '-' and '.', got '{id}'";
    }

    public static void Validate(string field, string? id)
    {
        if (Problem(id) is { } problem)
        {
            throw new SpecValidationException(field, problem);
        }
    }

    // \z, not $: in .NET '$' also matches before a final '\n', which would let "abc\n" through to
    // the journal and then fail as an actor name on every restart.
    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9_.-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Allowed();
}
