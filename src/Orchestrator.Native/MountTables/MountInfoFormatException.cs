namespace Orchestrator.Native.MountTables;

/// <summary>A mountinfo line did not have the shape proc(5) describes.</summary>
public sealed class MountInfoFormatException : FormatException
{
    public MountInfoFormatException(int lineNumber, string line, string problem)
        : base($"mountinfo line {lineNumber}: {problem}: '{line}'")
    {
        LineNumber = lineNumber;
        Line = line;
        Problem = problem;
    }

    /// <summary>1-based line number in the text that was parsed.</summary>
    public int LineNumber { get; }

    public string Line { get; }

    public string Problem { get; }
}
