namespace Orchestrator.Native.HostPaths;

/// <summary>A direct-assigned volume's mountInfo.json is missing a field or holds a bad value.</summary>
public sealed class DirectVolumeFormatException : FormatException
{
    public DirectVolumeFormatException(string source, string problem, Exception? inner = null)
        : base($"{source}: {problem}", inner)
    {
        Origin = source;
        Problem = problem;
    }

    /// <summary>The file (or <c>json</c>) that was read.</summary>
    public string Origin { get; }

    public string Problem { get; }
}
