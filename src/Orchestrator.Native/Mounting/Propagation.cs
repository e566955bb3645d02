namespace Orchestrator.Native.Mounting;

/// <summary>Mount propagation types (Documentation/filesystems/sharedsubtree.rst).</summary>
public enum Propagation
{
    /// <summary>Leave the propagation the mount was created with.</summary>
    Unchanged,
    Private,
    Shared,
    Slave,
    Unbindable,
    RecursivePrivate,
    RecursiveShared,
    RecursiveSlave,
    RecursiveUnbindable,
}
