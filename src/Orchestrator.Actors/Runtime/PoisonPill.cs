namespace Orchestrator.Actors.Runtime;

/// <summary>Stops the actor once every message queued before it has been processed.</summary>
public sealed class PoisonPill : IAutoReceivedMessage
{
    private PoisonPill()
    {
    }

    public static PoisonPill Instance { get; } = new();

    public override string ToString() => "PoisonPill";
}
