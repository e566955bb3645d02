using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Validation;
using Orchestrator.Api.Contracts;

namespace Orchestrator.Api;

/// <summary><c>/v1/sandboxes/{id}/containers</c> and their hot-added paths.</summary>
internal static class ContainerEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var containers = v1.MapGroup("/sandboxes/{id}/containers").WithTags("containers");
        containers.MapPost(string.Empty, CreateAsync).WithName("CreateContainer")
            .Accepts<CreateContainerRequest>("application/json")
            .Produces<ContainerPlanResponse>(StatusCodes.Status201Created)
            .ProducesProblems(400, 404, 409, 500, 503);
        containers.MapGet("/{cid}", (string id, string cid, HttpContext context, ActorCalls calls) =>
                calls.AskAsync<ContainerInfo>(context, new GetContainer(id, cid), ActorCalls.ReadTimeout,
                    info => Results.Json(ContractMapping.ToResponse(info), ApiJson.Options)))
            .WithName("GetContainer")
            .Produces<ContainerResponse>()
            .ProducesProblems(404, 503);
        containers.MapDelete("/{cid}", (string id, string cid, HttpContext context, ActorCalls calls) =>
                calls.AskAsync<TeardownReport>(context, new DestroyContainer(id, cid, Trace: ActorCalls.Trace), ActorCalls.ChangeTimeout, calls.Teardown))
            .WithName("DestroyContainer")
            .Produces<TeardownReportResponse>()
            .ProducesProblems(404, 409, 500, 503);
        containers.MapPost("/{cid}/paths", AddPathAsync).WithName("AddPath")
            .Accepts<AddPathRequest>("application/json")
            .Produces<SharedPathResponse>(StatusCodes.Status201Created)
            .ProducesProblems(400, 404, 409, 500, 503);
        containers.MapDelete("/{cid}/paths", (string id, string cid, [FromQuery] string? containerPath, HttpContext context, ActorCalls calls) =>
                string.IsNullOrEmpty(containerPath)
                    ? Task.FromResult(Problems.Validation("containerPath", "required (query parameter)"))
                    : EdgeValidation.ContainerPathProblem(containerPath) is { } pathProblem
                    ? Task.FromResult(Problems.Validation("containerPath", pathProblem))
                    : calls.AskAsync<TeardownReport>(context, new RemovePath(id, cid, containerPath, ActorCalls.Trace), ActorCalls.ChangeTimeout, calls.Teardown))
            .WithName("RemovePath")
            .Produces<TeardownReportResponse>()
            .ProducesProblems(400, 404, 409, 500, 503);
    }

    private static async Task<IResult> CreateAsync(string id, HttpContext context, ActorCalls calls)
    {
        var (request, problem) = await ApiRequests.ReadAsync<CreateContainerRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var (spec, problems) = ContractMapping.ToSpec(request!);
        if (spec is null)
        {
            return Problems.Validation(problems);
        }

        if (Limits.Problems(spec) is { Count: > 0 } tooMuch)
        {
            return Problems.Validation(tooMuch);
        }

        if (ContainerSpecValidator.Problems(spec) is { Count: > 0 } specProblems)
        {
            return Problems.Validation(specProblems);
        }

        return await calls.AskAsync<ContainerCreatedReply>(context, new AddContainer(id, spec, ActorCalls.Trace), ActorCalls.ChangeTimeout, created =>
        {
            context.Response.Headers.Location = $"/v1/sandboxes/{Uri.EscapeDataString(id)}/containers/{Uri.EscapeDataString(spec.Id)}";
            return Results.Json(ContractMapping.ToResponse(created.Plan), ApiJson.Options, statusCode: StatusCodes.Status201Created);
        });
    }

    private static async Task<IResult> AddPathAsync(string id, string cid, HttpContext context, ActorCalls calls)
    {
        var (request, problem) = await ApiRequests.ReadAsync<AddPathRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var problems = EdgeValidation.PathProblems(request!.HostPath, request.ContainerPath);
        if (problems.Count > 0)
        {
            return Problems.Validation(problems);
        }

        return await calls.AskAsync<PathAddedReply>(context, new AddPath(id, cid, request.HostPath!, request.ContainerPath!, request.ReadOnly, ActorCalls.Trace), ActorCalls.ChangeTimeout,
            added => Results.Json(ContractMapping.ToResponse(added.Path), ApiJson.Options, statusCode: StatusCodes.Status201Created));
    }
}
