using Microsoft.Extensions.Logging;

namespace Orchestrator.Actors.Runtime;

public static class ActorContextExtensions
{
    /// <summary>A logger named after the actor's class whose entries carry <c>{ActorPath}</c> in a scope.</summary>
    public static ILogger GetLogger(this IActorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context is ActorCell cell
            ? cell.GetLogger()
            : throw new ArgumentException("Not a runtime actor context.", nameof(context));
    }
}
