using Akka.Actor;
using Orchestrator.Actors.Metrics;

namespace Orchestrator.Actors.Sandboxes;

public sealed partial class SandboxManager
{
    private readonly System.Diagnostics.Stopwatch _sinceStart = System.Diagnostics.Stopwatch.StartNew();
    private readonly List<IActorRef> _awaitingRecovery = [];

    /// <summary>The sandboxes respawned at start that have not reported back yet; null before the registry has recovered.</summary>
    private HashSet<string>? _recovering;
    private int _respawnedSandboxes;
    private int _respawnedContainers;
    private RecoveryFinished? _recoveryFinished;

    /// <summary>
    /// The registry has recovered: respawn every sandbox it holds. Recovery after start is finished
    /// once each has answered <see cref="SandboxRecovered"/>, gone, or stopped.
    /// </summary>
    private void StartRecovery()
    {
        _recovering = new HashSet<string>(_state.Sandboxes.Keys, StringComparer.Ordinal);
        _respawnedSandboxes = _recovering.Count;
        foreach (var (id, incarnation) in _state.Sandboxes)
        {
            Spawn(id, incarnation, respawned: true);
        }

        Commit([new ServiceRecoveryStarted(_respawnedSandboxes)], FinishRecoveryIfDone);
        ScheduleRetention();
    }

    private void OnAwaitRecovery(AwaitRecovery _)
    {
        if (_recoveryFinished is { } finished)
        {
            Sender.Tell(finished);
        }
        else
        {
            _awaitingRecovery.Add(Sender);
        }
    }

    private void OnSandboxRecovered(SandboxRecovered recovered)
    {
        if (_state.Sandboxes.TryGetValue(recovered.SandboxId, out var incarnation) && incarnation == recovered.Incarnation)
        {
            Recovered(recovered.SandboxId, recovered.Containers);
        }
    }

    /// <summary>One sandbox respawned at start is done recovering (or gone, or stopped); later calls for it are ignored.</summary>
    private void Recovered(string sandboxId, int containers)
    {
        if (_recovering is { } recovering && recovering.Remove(sandboxId))
        {
            _respawnedContainers += containers;
            FinishRecoveryIfDone();
        }
    }

    private void FinishRecoveryIfDone()
    {
        // Reports of the respawned sandboxes wait in the stash while ServiceRecoveryStarted is
        // written, so the first call comes from its handler: the finish is always journaled after it.
        if (_recovering is not { Count: 0 } || _recoveryFinished is not null)
        {
            return;
        }

        var elapsed = _sinceStart.Elapsed;
        OrchestratorMetrics.RecoveryFinished(elapsed);
        var finished = new RecoveryFinished(_respawnedSandboxes, _respawnedContainers, elapsed);
        _recoveryFinished = finished;
        Commit([new ServiceRecoveryFinished(finished.Sandboxes, finished.Containers, (long)elapsed.TotalMilliseconds)], () =>
        {
            SandboxLog.RecoveryFinished(_log, finished.Sandboxes, finished.Containers, (long)elapsed.TotalMilliseconds);
            foreach (var waiting in _awaitingRecovery)
            {
                waiting.Tell(finished);
            }

            _awaitingRecovery.Clear();
        });
    }
}
