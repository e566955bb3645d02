namespace Orchestrator.Actors.Runtime;

/// <summary>
/// Keyed timers that send messages to the actor itself. Starting a timer under a key replaces the previous
/// one, and a cancelled or replaced timer's message is never received, even if it was already queued. All
/// timers are cancelled when the actor restarts or stops. Use only from inside the actor.
/// </summary>
public interface ITimerScheduler
{
    void StartSingleTimer(object key, object message, TimeSpan delay);

    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    bool IsTimerActive(object key);

    void Cancel(object key);

    void CancelAll();
}
