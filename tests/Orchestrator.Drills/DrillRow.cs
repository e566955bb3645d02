namespace Orchestrator.Drills;

/// <summary>One line of a drill's table: a failpoint (or a random-kill round) and what recovery left.</summary>
internal sealed record DrillRow(
    string Name,
    int Crashes,
    bool Recovered,
    int LeakedMounts,
    int LeakedDirectories,
    int LeakedLoopDevices,
    TimeSpan TimeToRecover,
    string? CrashedIn,
    IReadOnlyList<string> Problems)
{
    /// <summary>A row passes when the server crashed where it should, recovered, and nothing leaked.</summary>
    public bool Passed => Crashes > 0 && Recovered && LeakedMounts == 0 && LeakedDirectories == 0 && LeakedLoopDevices == 0 && Problems.Count == 0;
}
