using Orchestrator.Actors.Validation;

namespace Orchestrator.Actors.Errors;

/// <summary>
/// Which errors describe the request rather than the actor. Bad input, not found, conflict and a
/// rolled-back native failure are answered and leave the actor as it is; anything else is answered
/// and then rethrown, so the actor's supervisor decides (a restart recovers from the journal).
/// </summary>
internal static class Replies
{
    public static bool IsRequestError(Exception e) =>
        e is SpecValidationException or NotFoundException or ConflictException or NativeCallFailedException;
}
