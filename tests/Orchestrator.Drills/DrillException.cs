namespace Orchestrator.Drills;

/// <summary>Something a drill cannot continue past (an unexpected answer, a server that does not come back).</summary>
internal sealed class DrillException(string message) : Exception(message);
