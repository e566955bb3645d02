using Akka.Actor;
using Orchestrator.Actors.Containers;

namespace Orchestrator.Actors.Sandboxes;

public sealed partial class SandboxSupervisor
{
    private const string TeardownTimerKey = "container-teardown";

    private PendingTeardown? _awaiting;

    private void Destroy(string reason)
    {
        if (_state.Lifecycle == SandboxLifecycle.New || (_state.Lifecycle is SandboxLifecycle.Destroyed or SandboxLifecycle.Failed && HoldsNothing))
        {
            Gone();
            Reply(new TeardownReport(SandboxId, []));
            return;
        }

        void DestroyAll() => DestroyContainers(reason, errors =>
        {
            if (!_state.Containers.IsEmpty)
            {
                // Mounts of those containers still sit under mounts/: the layout must outlive them.
                Reply(new TeardownReport(SandboxId, [.. errors, $"layout of sandbox '{SandboxId}' kept: {_state.Containers.Count} containers still hold resources"]));
                return;
            }

            SandboxSteps.DestroyLayout(this, reason, _settings.RetryPolicy, errors, all =>
            {
                if (HoldsNothing)
                {
                    Gone();
                }

                Reply(new TeardownReport(SandboxId, all));
            });
        });

        if (_state.Lifecycle != SandboxLifecycle.Destroying)
        {
            Persist([new SandboxDestroyStarted(reason)], DestroyAll);
        }
        else
        {
            DestroyAll();
        }
    }

    /// <summary>Asks each container in turn to tear down; a clean one is forgotten, every error is collected.</summary>
    private void DestroyContainers(string reason, Action<IReadOnlyList<string>> then)
    {
        var entries = _state.Containers.Values.ToList();
        var errors = new List<string>();

        void Next(int i)
        {
            if (i == entries.Count)
            {
                then(errors);
                return;
            }

            var entry = entries[i];
            _awaiting = new PendingTeardown(entry.ContainerId, answer =>
            {
                switch (answer)
                {
                    case TeardownReport { Clean: true }:
                        RemoveContainer(new ContainerGone(entry.ContainerId, entry.Incarnation), () => Next(i + 1));
                        return;
                    case TeardownReport report:
                        errors.AddRange(report.Errors.Select(e => $"container {entry.ContainerId}: {e}"));
                        break;
                    case Status.Failure failure:
                        errors.Add($"container {entry.ContainerId}: {failure.Cause.Message}");
                        break;
                }

                Next(i + 1);
            });
            Timers.StartSingleTimer(TeardownTimerKey, new TeardownTimedOut(entry.ContainerId), _settings.ContainerTeardownTimeout);
            // A passivated container is woken by this; one stopping after asking to gets it once it has.
            Deliver(entry, new DestroyContainer(SandboxId, entry.ContainerId, reason, StepTrace), Self);
        }

        Next(0);
    }

    private void OnContainerAnswer(object answer)
    {
        // From the container's current actor: after a wake-up that is not the one asked first.
        if (_awaiting is { } awaiting && _slots.Actor(awaiting.ContainerId) is { } child && child.Equals(Sender))
        {
            ContainerAnswered(answer);
        }
        else
        {
            SandboxLog.Unexpected(Logger, Self.Path.ToString(), answer.ToString() ?? answer.GetType().Name);
        }
    }

    private void ContainerAnswered(object answer)
    {
        var awaiting = _awaiting!;
        _awaiting = null;
        Timers.Cancel(TeardownTimerKey);
        Continue(() => awaiting.Then(answer));
    }

    private sealed record PendingTeardown(string ContainerId, Action<object> Then);

    private sealed record TeardownTimedOut(string ContainerId);
}
