using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Orchestrator.Actors.Validation;

namespace Orchestrator.Api;

/// <summary>
/// Checks what a request names (ids in the route, paths in the body) before anything is asked of
/// the actor tree: an id that reaches the manager is journaled, and one the actor runtime then
/// refuses as a name would fail recovery on every restart.
/// </summary>
internal static class EdgeValidation
{
    private static readonly (string RouteKey, string Field)[] RouteIds = [("id", "sandboxId"), ("cid", "containerId")];

    /// <summary>
    /// Refuses a raw (undecoded) target with dot segments or encoded slashes (<see cref="RequestTarget"/>)
    /// with a 400 naming <c>path</c>; run before routing, which sees the target only decoded and normalised.
    /// </summary>
    public static IResult? RequestTargetRefusal(HttpContext context) =>
        RequestTarget.Problem(context.Features.Get<IHttpRequestFeature>()?.RawTarget) is { } problem
            ? Problems.Validation("path", problem)
            : null;

    /// <summary>The filter of every <c>/v1</c> endpoint: the route's <c>{id}</c> and <c>{cid}</c> are valid ids.</summary>
    public static async ValueTask<object?> RouteIdsFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var problems = RouteIdProblems(context.HttpContext.Request.RouteValues);
        return problems.Count > 0 ? Problems.Validation(problems) : await next(context);
    }

    public static List<ValidationProblem> RouteIdProblems(IReadOnlyDictionary<string, object?> routeValues)
    {
        var problems = new List<ValidationProblem>();
        foreach (var (key, field) in RouteIds)
        {
            if (routeValues.TryGetValue(key, out var value) && Ids.Problem(value as string) is { } problem)
            {
                problems.Add(new(field, problem + " (in the URL path)"));
            }
        }

        return problems;
    }

    /// <summary>A hot-added path: both paths absolute and clean; the container path is not the root.</summary>
    public static List<ValidationProblem> PathProblems(string? hostPath, string? containerPath)
    {
        var problems = new List<ValidationProblem>();
        Add(problems, "hostPath", ContainerSpecValidator.AbsolutePathProblem(hostPath));
        Add(problems, "containerPath", ContainerPathProblem(containerPath));
        return problems;
    }

    public static string? ContainerPathProblem(string? containerPath) =>
        ContainerSpecValidator.AbsolutePathProblem(containerPath)
        ?? (Actors.Plans.GuestMountList.Normalize(containerPath!) == "/" ? "must not be the container root itself" : null);

    private static void Add(List<ValidationProblem> problems, string field, string? problem)
    {
        if (problem is not null)
        {
            problems.Add(new(field, problem));
        }
    }
}
