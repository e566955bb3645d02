namespace Orchestrator.Native.Paths;

/// <summary>Why a path operation refused to touch a path.</summary>
public enum PathRefusal
{
    /// <summary>A component is a symbolic link where none may be (possibly planted by a guest).</summary>
    SymbolicLink,

    /// <summary>A component that must be a directory is something else.</summary>
    NotDirectory,

    /// <summary>The file to remove is not empty.</summary>
    NotEmptyFile,

    /// <summary>The path exists but is of a kind the operation does not handle (a device node, a socket, …).</summary>
    UnexpectedType,
}
