namespace Orchestrator.Actors.Plans;

/// <summary>One unit file: its name (e.g. <c>run-x-rootfs-proc.mount</c>) and its text.</summary>
public sealed record SystemdUnit(string Name, string Text);
