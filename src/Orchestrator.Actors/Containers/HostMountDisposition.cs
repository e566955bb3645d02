namespace Orchestrator.Actors.Containers;

/// <summary>What the orchestrator does with one host mount once its source has been classified.</summary>
public enum HostMountDisposition
{
    /// <summary>Bound into the shared directory.</summary>
    Shared,

    /// <summary>A system path (<c>/proc</c>, <c>/sys</c>, …): never shared, dropped from the plan.</summary>
    Skipped,

    /// <summary>A host device node: passed through to the guest, not bound.</summary>
    DevicePassthrough,

    /// <summary>An emptyDir on tmpfs: the guest gets its own tmpfs; nothing is shared.</summary>
    GuestTmpfs,
}
