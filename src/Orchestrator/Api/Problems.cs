using Microsoft.AspNetCore.Http;
using Orchestrator.Actors.Errors;
using Akka.Actor;
using Orchestrator.Actors.Validation;
using Orchestrator.Api.Contracts;

namespace Orchestrator.Api;

/// <summary>Turns the actor tree's typed errors into RFC 9457 problem details with a stable type each.</summary>
internal static class Problems
{
    public static IResult Validation(IEnumerable<ValidationProblem> problems, int status = StatusCodes.Status400BadRequest)
    {
        var list = problems.ToList();
        var errors = list
            .GroupBy(p => p.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(p => p.Message)], StringComparer.Ordinal);
        return Result(new ProblemResponse(ProblemTypes.Validation, "The request is invalid", status,
            string.Join("; ", list), Errors: errors));
    }

    public static IResult Validation(string field, string message, int status = StatusCodes.Status400BadRequest) =>
        Validation([new ValidationProblem(field, message)], status);

    public static IResult NotFound(string detail) =>
        Result(new ProblemResponse(ProblemTypes.NotFound, "Not found", StatusCodes.Status404NotFound, detail));

    public static IResult Unavailable(string detail) =>
        Result(new ProblemResponse(ProblemTypes.Unavailable, "The service is unavailable", StatusCodes.Status503ServiceUnavailable, detail));

    public static IResult TeardownIncomplete(TeardownReportResponse report) =>
        Result(new ProblemResponse(ProblemTypes.TeardownIncomplete, "The teardown could not undo everything", StatusCodes.Status500InternalServerError,
            $"{report.Errors.Count} teardown errors: {string.Join("; ", report.Errors)}", Id: report.Id, TeardownErrors: report.Errors));

    /// <summary>The problem for a failed ask; <paramref name="unexpected"/> is called for errors without a type of their own.</summary>
    public static IResult FromException(Exception error, Action<Exception> unexpected)
    {
        switch (error)
        {
            case SpecValidationException v:
                return Validation(v.Problems);
            case NotFoundException n:
                return NotFound(n.Message);
            case ConflictException c:
                return Result(new ProblemResponse(ProblemTypes.Conflict, "Conflict", StatusCodes.Status409Conflict, c.Message));
            case NativeCallFailedException f:
                return Result(new ProblemResponse(ProblemTypes.NativeCallFailed, "A native call failed and was rolled back", StatusCodes.Status500InternalServerError,
                    f.Message, Syscall: f.Error.Syscall, Errno: f.Error.Errno, Paths: f.Error.Paths, RollbackErrors: f.RollbackErrors));
            case AskTimeoutException t:
                return Unavailable("the actor tree did not answer in time: " + t.Message);
            case TimeoutException t:
                // A supervisor that did not answer the manager's listing in time.
                return Unavailable(t.Message);
        }

        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is JournalUnavailableException j)
            {
                return Result(new ProblemResponse(ProblemTypes.JournalUnavailable, "The journal is unavailable", StatusCodes.Status503ServiceUnavailable, j.Message));
            }
        }

        unexpected(error);
        return Result(new ProblemResponse(ProblemTypes.Internal, "Internal error", StatusCodes.Status500InternalServerError, error.Message));
    }

    private static IResult Result(ProblemResponse problem) =>
        Results.Json(problem, ApiJson.Options, ProblemTypes.MediaType, problem.Status);
}
