using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Api.Contracts;

namespace Orchestrator.Api;

/// <summary><c>/v1/sandboxes</c>.</summary>
internal static class SandboxEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var sandboxes = v1.MapGroup("/sandboxes").WithTags("sandboxes");
        sandboxes.MapPost(string.Empty, CreateAsync).WithName("CreateSandbox")
            .Accepts<CreateSandboxRequest>("application/json")
            .Produces<SandboxResponse>(StatusCodes.Status201Created)
            .ProducesProblems(400, 409, 500, 503);
        sandboxes.MapGet(string.Empty, (HttpContext context, ActorCalls calls) =>
                calls.AskAsync<SandboxList>(context, ListSandboxes.Instance, ActorCalls.ReadTimeout,
                    list => Results.Json(new SandboxListResponse([.. list.Sandboxes.Select(ContractMapping.ToResponse)]), ApiJson.Options)))
            .WithName("ListSandboxes")
            .Produces<SandboxListResponse>()
            .ProducesProblems(503);
        sandboxes.MapGet("/{id}", (string id, HttpContext context, ActorCalls calls) =>
                calls.AskAsync<SandboxInfo>(context, new GetSandbox(id), ActorCalls.ReadTimeout,
                    info => Results.Json(ContractMapping.ToResponse(info), ApiJson.Options)))
            .WithName("GetSandbox")
            .Produces<SandboxResponse>()
            .ProducesProblems(404, 503);
        sandboxes.MapDelete("/{id}", (string id, HttpContext context, ActorCalls calls) =>
                calls.AskAsync<TeardownReport>(context, new DestroySandbox(id, Trace: ActorCalls.Trace), ActorCalls.ChangeTimeout, calls.Teardown))
            .WithName("DestroySandbox")
            .Produces<TeardownReportResponse>()
            .ProducesProblems(404, 409, 500, 503);
    }

    internal static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.Produces<ProblemResponse>(status, ProblemTypes.MediaType);
        }

        return builder;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ActorCalls calls)
    {
        var (request, problem) = await ApiRequests.ReadAsync<CreateSandboxRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var problems = new List<Actors.Validation.ValidationProblem>();
        if (string.IsNullOrEmpty(request!.Id))
        {
            problems.Add(new("id", "required"));
        }
        else if (Actors.Validation.Ids.Problem(request.Id) is { } idProblem)
        {
            problems.Add(new("id", idProblem));
        }

        if (request.SharedFs is null)
        {
            problems.Add(new("sharedFs", "required: virtiofs or 9p"));
        }

        if (problems.Count > 0)
        {
            return Problems.Validation(problems);
        }

        var command = new CreateSandbox(request.Id!, ContractMapping.ToSharedFs(request.SharedFs!.Value), ContractMapping.ToBlockDriver(request.BlockDriver ?? BlockDriverKind.VirtioBlk), ActorCalls.Trace);
        return await calls.AskAsync<SandboxInfo>(context, command, ActorCalls.ChangeTimeout, info =>
        {
            context.Response.Headers.Location = $"/v1/sandboxes/{Uri.EscapeDataString(info.SandboxId)}";
            return Results.Json(ContractMapping.ToResponse(info), ApiJson.Options, statusCode: StatusCodes.Status201Created);
        });
    }
}
