namespace Orchestrator.Actors.Runtime;

internal sealed partial class ActorCell
{
    private ActorStash? _userStash;
    private List<ActorStash>? _stashes;
    private TimerScheduler? _timers;

    /// <summary>The stash injected into <see cref="IWithStash"/> actors; one per cell, kept across restarts.</summary>
    internal IStash UserStash => _userStash ??= (ActorStash)CreateStash();

    /// <summary>The timers injected into <see cref="IWithTimers"/> actors; cancelled on restart and stop.</summary>
    internal ITimerScheduler Timers => _timers ??= new TimerScheduler(this);

    internal IStash CreateStash()
    {
        var stash = new ActorStash(this);
        (_stashes ??= []).Add(stash);
        return stash;
    }

    internal void EnqueueFirst(Envelope envelope) => _mailbox.EnqueueFirst(envelope);

    private void UnstashAllForRestart()
    {
        if (_stashes is null)
        {
            return;
        }

        foreach (var stash in _stashes)
        {
            stash.UnstashAll();
        }

        // Stashes created by the failed instance die with it; the user stash carries over.
        _stashes.RemoveAll(s => !ReferenceEquals(s, _userStash));
    }

    private void DeadLetterStashes()
    {
        if (_stashes is null)
        {
            return;
        }

        foreach (var stash in _stashes)
        {
            foreach (var envelope in stash.ClearStash())
            {
                SendToDeadLetters(envelope);
            }
        }

        _stashes = null;
    }
}
