using Orchestrator.Native.Mounting;

namespace Orchestrator.Native.Tests.Mounting;

public sealed class LockedFlagsTests
{
    [Theory]
    [InlineData("rw,relatime", MountFlags.RelAtime)]
    [InlineData("rw,nosuid,nodev,noexec,relatime", MountFlags.NoSuid | MountFlags.NoDev | MountFlags.NoExec | MountFlags.RelAtime)]
    [InlineData("ro,noatime", MountFlags.NoAtime)]
    [InlineData("rw,nosuid,nodiratime", MountFlags.NoSuid | MountFlags.NoDirAtime | MountFlags.StrictAtime)]
    [InlineData("rw", MountFlags.StrictAtime)]
    public void FromOptions_PerMountOptions_KeepsLockableFlagsOnly(string options, MountFlags expected)
    {
        Assert.Equal(expected, LockedFlags.FromOptions(options.Split(',')));
    }
}
