namespace Orchestrator.Actors.Sandboxes;

/// <summary>The marker of everything a sandbox supervisor journals.</summary>
public interface ISandboxEvent;
