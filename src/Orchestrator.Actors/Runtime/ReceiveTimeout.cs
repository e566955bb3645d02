namespace Orchestrator.Actors.Runtime;

/// <summary>Sent to an actor that received nothing for the span set with <see cref="IActorContext.SetReceiveTimeout"/>.</summary>
public sealed class ReceiveTimeout
{
    private ReceiveTimeout()
    {
    }

    public static ReceiveTimeout Instance { get; } = new();

    public override string ToString() => "ReceiveTimeout";
}
