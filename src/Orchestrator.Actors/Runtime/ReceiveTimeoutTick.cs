namespace Orchestrator.Actors.Runtime;

/// <summary>
/// The timer's nudge; the actor checks its own idleness before turning it into <see cref="ReceiveTimeout"/>,
/// so a tick that raced with a fresh message is dropped instead of firing early.
/// </summary>
internal sealed class ReceiveTimeoutTick : IAutoReceivedMessage, INotInfluenceReceiveTimeout
{
    private ReceiveTimeoutTick()
    {
    }

    public static ReceiveTimeoutTick Instance { get; } = new();
}
