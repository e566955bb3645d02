using Orchestrator.Native.Mounting;

namespace Orchestrator.Native.Tests.Mounting;

public sealed class MountFlagNamesTests
{
    [Theory]
    [InlineData(MountFlags.Bind | MountFlags.Recursive, "MS_BIND|MS_REC")]
    [InlineData(MountFlags.Bind | MountFlags.Remount | MountFlags.ReadOnly | MountFlags.NoSuid, "MS_RDONLY|MS_NOSUID|MS_REMOUNT|MS_BIND")]
    [InlineData(MountFlags.None, "0")]
    [InlineData((MountFlags)(1UL << 40) | MountFlags.Shared, "MS_SHARED|0x10000000000")]
    public void Format_MountFlags_UsesCNames(MountFlags flags, string expected)
    {
        Assert.Equal(expected, MountFlagNames.Format(flags));
    }

    [Theory]
    [InlineData(UnmountFlags.NoFollow, "UMOUNT_NOFOLLOW")]
    [InlineData(UnmountFlags.Detach | UnmountFlags.NoFollow, "MNT_DETACH|UMOUNT_NOFOLLOW")]
    [InlineData(UnmountFlags.None, "0")]
    public void Format_UnmountFlags_UsesCNames(UnmountFlags flags, string expected)
    {
        Assert.Equal(expected, MountFlagNames.Format(flags));
    }
}
