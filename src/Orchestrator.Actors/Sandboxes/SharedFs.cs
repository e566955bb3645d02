namespace Orchestrator.Actors.Sandboxes;

/// <summary>How the guest reaches the sandbox's shared directory.</summary>
public enum SharedFs
{
    VirtioFs,
    NineP,
}
