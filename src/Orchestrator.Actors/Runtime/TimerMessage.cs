namespace Orchestrator.Actors.Runtime;

/// <summary>A keyed timer's message in transit; the owner checks that the timer is still current on arrival.</summary>
internal sealed class TimerMessage(object key, int generation, object message, TimerScheduler owner) : IAutoReceivedMessage
{
    public object Key { get; } = key;

    public int Generation { get; } = generation;

    public object Message { get; } = message;

    public TimerScheduler Owner { get; } = owner;
}
