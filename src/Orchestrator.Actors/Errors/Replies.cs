using Orchestrator.Actors.Runtime;
using Orchestrator.Actors.Validation;

namespace Orchestrator.Actors.Errors;

/// <summary>
/// Answers a request from an async handler: the result, or a <see cref="Status.Failure"/> with the
/// error. Errors that describe the request (bad input, not found, conflict, a rolled-back native
/// failure) leave the actor as it is; anything else is answered and then rethrown, so the actor's
/// supervisor decides (a restart recovers from the journal; a journal failure stops it).
/// </summary>
internal static class Replies
{
    public static async Task AnswerAsync(IActorRef sender, Func<Task<object>> work)
    {
        try
        {
            sender.Tell(await work());
        }
        catch (Exception e) when (e is SpecValidationException or NotFoundException or ConflictException or NativeCallFailedException)
        {
            sender.Tell(new Status.Failure(e));
        }
        catch (Exception e)
        {
            sender.Tell(new Status.Failure(e));
            throw;
        }
    }
}
