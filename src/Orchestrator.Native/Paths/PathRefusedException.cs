namespace Orchestrator.Native.Paths;

/// <summary>A path operation refused to act on a path it cannot handle safely.</summary>
public sealed class PathRefusedException : Exception
{
    public PathRefusedException(string path, string component, PathRefusal reason)
        : base(FormatMessage(path, component, reason))
    {
        Path = path;
        Component = component;
        Reason = reason;
    }

    /// <summary>The full path the operation was asked to act on.</summary>
    public string Path { get; }

    /// <summary>The path up to and including the component that caused the refusal.</summary>
    public string Component { get; }

    public PathRefusal Reason { get; }

    private static string FormatMessage(string path, string component, PathRefusal reason) => reason switch
    {
        PathRefusal.SymbolicLink =>
            $"refusing {path}: {component} is a symbolic link (possible malicious guest); nothing was followed or removed",
        PathRefusal.NotDirectory => $"refusing {path}: {component} is not a directory",
        PathRefusal.NotEmptyFile => $"refusing {path}: {component} is a file that is not empty",
        _ => $"refusing {path}: {component} is neither a directory nor a regular file",
    };
}
