namespace Orchestrator.Native.MountTables;

/// <summary>A mountinfo line that did not have the shape proc(5) describes, left out of its table.</summary>
/// <param name="LineNumber">1-based, in the text that was parsed.</param>
/// <param name="Line">The line as read.</param>
/// <param name="Problem">What did not parse.</param>
public sealed record SkippedMountInfoLine(int LineNumber, string Line, string Problem)
{
    public override string ToString() => $"mountinfo line {LineNumber}: {Problem}: '{Line}'";
}
