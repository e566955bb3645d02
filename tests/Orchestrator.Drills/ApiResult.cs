using System.Net;

namespace Orchestrator.Drills;

/// <summary>An API answer, or <see cref="Lost"/> when the server went away before answering.</summary>
internal sealed record ApiResult(HttpStatusCode? Status, string Body)
{
    public bool Lost => Status is null;

    public bool Succeeded => Status is { } s && (int)s is >= 200 and < 300;
}
