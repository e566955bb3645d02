namespace Orchestrator.Actors.Sandboxes;

/// <summary>How block devices are hot-plugged into the VM, which decides how the plan names them.</summary>
public enum BlockDriver
{
    /// <summary>virtio-blk: the guest sees <c>vda</c>, <c>vdb</c>, …</summary>
    VirtioBlk,

    /// <summary>virtio-scsi: the guest sees SCSI address <c>index/256:index%256</c>.</summary>
    VirtioScsi,
}
