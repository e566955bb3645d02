using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>
/// How the tree supervises its persistent children: a failed child is restarted and rebuilds
/// itself from its journal, but only a bounded number of times within a window; a child that keeps
/// failing is stopped (its parent reports it) rather than restarted in a tight loop.
/// </summary>
internal static class TreeSupervision
{
    public static SupervisorStrategy Bounded(SandboxTreeSettings settings, ILogger logger, string path) =>
        new OneForOneStrategy(settings.MaxChildRestarts, settings.ChildRestartWindow, e =>
        {
            if (e is ActorInitializationException or ActorKilledException or DeathPactException)
            {
                return Directive.Stop;
            }

            SandboxLog.ChildFailed(logger, path, e);
            return Directive.Restart;
        });
}
