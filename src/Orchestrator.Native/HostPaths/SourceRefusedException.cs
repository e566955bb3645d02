namespace Orchestrator.Native.HostPaths;

/// <summary>The source policy refused a host path; nothing was mounted.</summary>
public sealed class SourceRefusedException : Exception
{
    public SourceRefusedException(string path, string reason)
        : base($"refusing source {path}: {reason}")
    {
        Path = path;
        Reason = reason;
    }

    public string Path { get; }

    public string Reason { get; }
}
