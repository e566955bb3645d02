namespace Orchestrator.Actors.Sandboxes;

/// <summary>One thing recovery or a destroy would do: who owns it, what call, on what, and why.</summary>
public sealed record CleanupStep(string Owner, string Action, string Target, string Reason);
