namespace Orchestrator.Actors.Runtime;

/// <summary>An actor with keyed timers. The runtime sets <see cref="Timers"/> before the constructor body runs.</summary>
public interface IWithTimers
{
    ITimerScheduler Timers { get; set; }
}
