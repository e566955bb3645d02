namespace Orchestrator.Api;

/// <summary>
/// Judges the request target exactly as the client sent it. The server decodes the path and
/// removes dot segments before routing, so <c>DELETE /v1/sandboxes/x/containers/%2e%2e</c> would
/// reach the route of <c>DELETE /v1/sandboxes/x</c> and destroy the whole sandbox; an encoded
/// slash would likewise split or join route values. No valid request needs either.
/// </summary>
public static class RequestTarget
{
    /// <summary>What is wrong with the raw (undecoded) target, or null when nothing is.</summary>
    public static string? Problem(string? rawTarget)
    {
        if (string.IsNullOrEmpty(rawTarget))
        {
            return null;
        }

        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? rawTarget : rawTarget[..query];
        foreach (var segment in path.Split('/'))
        {
            if (segment.Contains("%2f", StringComparison.OrdinalIgnoreCase) || segment.Contains("%5c", StringComparison.OrdinalIgnoreCase)
                || segment.Contains('\\', StringComparison.Ordinal))
            {
                return $"the path must not contain encoded slashes or backslashes: '{segment}'";
            }

            var decoded = segment.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(segment) : segment;
            if (decoded is "." or "..")
            {
                return $"the path must not contain '.' or '..' segments (plain or percent-encoded): '{segment}'";
            }
        }

        return null;
    }
}
