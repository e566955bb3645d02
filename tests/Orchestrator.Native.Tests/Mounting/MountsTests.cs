using Orchestrator.Native.Interop;
using Orchestrator.Native.Mounting;
using Orchestrator.Native.MountTables;
using Orchestrator.Native.Paths;
using Orchestrator.TestKit.Privileges;

namespace Orchestrator.Native.Tests.Mounting;

public sealed class MountsTests
{
    private static readonly TmpfsOptions Small = new(SizeBytes: 1 << 20);

    [RootFact]
    public void MountTmpfs_Options_AppearInSuperOptions()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var target = Directory.CreateDirectory(Path.Combine(scratch, "t")).FullName;
            var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

            Mounts.MountTmpfs(target, new TmpfsOptions(SizeBytes: 2 << 20, Mode: mode, Uid: 1000, Gid: 1001), MountFlags.NoExec);

            var entry = MountInfo.ReadThread().FindByMountPoint(target)!;
            Assert.Equal("tmpfs", entry.FsType);
            Assert.Equal(["rw", "size=2048k", "mode=750", "uid=1000", "gid=1001"], entry.SuperOptions);
            Assert.True(entry.HasOption("noexec"));
            var root = FileStat.Stat(target);
            Assert.Equal((mode, 1000u, 1001u, true), (root.Permissions, root.Uid, root.Gid, root.IsMountRoot == true));
            Assert.Equal(UnmountOutcome.Unmounted, Mounts.Unmount(target));
        });
    }

    [RootFact]
    public void Unmount_MountWithSubmount_ReturnsBusyAndLeavesItMounted()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var outer = Directory.CreateDirectory(Path.Combine(scratch, "outer")).FullName;
            Mounts.MountTmpfs(outer, Small);
            var inner = Directory.CreateDirectory(Path.Combine(outer, "inner")).FullName;
            Mounts.MountTmpfs(inner, Small);

            Assert.Equal(UnmountOutcome.Busy, Mounts.Unmount(outer));
            Assert.True(MountInfo.ReadThread().IsMountPoint(outer));

            Assert.Equal(UnmountOutcome.Unmounted, Mounts.Unmount(inner));
            Assert.Equal(UnmountOutcome.Unmounted, Mounts.Unmount(outer));
        });
    }

    [RootFact]
    public void Unmount_BusyWithDetach_DetachesTheWholeSubtree()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var outer = Directory.CreateDirectory(Path.Combine(scratch, "outer")).FullName;
            Mounts.MountTmpfs(outer, Small);
            Mounts.MountTmpfs(Directory.CreateDirectory(Path.Combine(outer, "inner")).FullName, Small);

            Assert.Equal(UnmountOutcome.Unmounted, Mounts.Unmount(outer, detach: true));

            Assert.Single(MountInfo.ReadThread().MountsAtOrBelow(scratch));
        });
    }

    [RootFact]
    public void Unmount_NotMounted_ReturnsNotMountedTwice()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var plain = Directory.CreateDirectory(Path.Combine(scratch, "plain")).FullName;

            Assert.Equal(UnmountOutcome.NotMounted, Mounts.Unmount(plain));
            Assert.Equal(UnmountOutcome.NotMounted, Mounts.Unmount(Path.Combine(scratch, "missing")));
        });
    }

    [RootFact]
    public void Unmount_SymlinkPlantedAtMountPoint_DoesNotFollowIt()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var victim = Directory.CreateDirectory(Path.Combine(scratch, "victim")).FullName;
            Mounts.MountTmpfs(victim, Small);
            var planted = Path.Combine(scratch, "shared", "c1-volume");
            Directory.CreateDirectory(Path.GetDirectoryName(planted)!);
            File.CreateSymbolicLink(planted, victim);

            Assert.Equal(UnmountOutcome.NotMounted, Mounts.Unmount(planted));
            Assert.Equal(UnmountOutcome.NotMounted, Mounts.Unmount(planted, detach: true));

            Assert.True(MountInfo.ReadThread().IsMountPoint(victim));
            var refused = Assert.Throws<PathRefusedException>(() => Mounts.SafeRemoveMountPoint(scratch, "shared/c1-volume"));
            Assert.Equal(PathRefusal.SymbolicLink, refused.Reason);
            Assert.Contains("possible malicious guest", refused.Message, StringComparison.Ordinal);
            Assert.True(FileStat.Lstat(planted).IsSymbolicLink);
            Assert.Equal(UnmountOutcome.Unmounted, Mounts.Unmount(victim));
        });
    }

    [RootFact]
    public void SafeRemoveMountPoint_StillMounted_ReturnsBusyThenRemovesAfterUnmount()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var source = Directory.CreateDirectory(Path.Combine(scratch, "src")).FullName;
            File.WriteAllText(Path.Combine(scratch, "file-src"), "data");
            Mounts.BindMount(source, Path.Combine(scratch, "mounts", "dir"), readOnly: false, Propagation.Private);
            Mounts.BindMount(Path.Combine(scratch, "file-src"), Path.Combine(scratch, "mounts", "file"), readOnly: false, Propagation.Private);

            Assert.Equal(RemoveOutcome.Busy, Mounts.SafeRemoveMountPoint(scratch, "mounts/dir"));
            Assert.Equal(RemoveOutcome.Busy, Mounts.SafeRemoveMountPoint(scratch, "mounts/file"));

            Assert.Equal(UnmountOutcome.Unmounted, Mounts.Unmount(Path.Combine(scratch, "mounts", "dir")));
            Assert.Equal(UnmountOutcome.Unmounted, Mounts.Unmount(Path.Combine(scratch, "mounts", "file")));
            Assert.Equal(RemoveOutcome.Removed, Mounts.SafeRemoveMountPoint(scratch, "mounts/dir"));
            Assert.Equal(RemoveOutcome.Removed, Mounts.SafeRemoveMountPoint(scratch, "mounts/file"));
            Assert.Equal(RemoveOutcome.AlreadyGone, Mounts.SafeRemoveMountPoint(scratch, "mounts/dir"));
        });
    }

    [RootFact]
    public void SafeRemoveMountPoint_NonEmptyFile_RefusesAndKeepsIt()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            File.WriteAllText(Path.Combine(scratch, "data"), "keep me");

            var refused = Assert.Throws<PathRefusedException>(() => Mounts.SafeRemoveMountPoint(scratch, "data"));

            Assert.Equal(PathRefusal.NotEmptyFile, refused.Reason);
            Assert.Equal("keep me", File.ReadAllText(Path.Combine(scratch, "data")));
        });
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/abs")]
    [InlineData("")]
    public void SafeRemoveMountPoint_UnsafeRelativePath_ThrowsBeforeAnySyscall(string relative)
    {
        Assert.Throws<ArgumentException>(() => Mounts.SafeRemoveMountPoint("/nonexistent-root", relative));
    }

    [RootFact]
    public void Remount_ReadOnlyBind_ChangesOnlyThatMount()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var target = Directory.CreateDirectory(Path.Combine(scratch, "t")).FullName;
            Mounts.MountTmpfs(target, Small);

            Mounts.Remount(target, MountFlags.Bind | MountFlags.ReadOnly);

            Assert.True(MountInfo.ReadThread().FindByMountPoint(target)!.IsReadOnly);
            Assert.False(MountInfo.ReadThread().FindByMountPoint(scratch)!.IsReadOnly);
            Assert.Equal(UnmountOutcome.Unmounted, Mounts.Unmount(target));
        });
    }

    [RootFact]
    public void Mount_BadFilesystemType_ThrowsWithRuncStyleMessage()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var error = Assert.Throws<NativeCallException>(
                () => Mounts.Mount("none", scratch, "no-such-fs", MountFlags.NoSuid, null));

            Assert.Equal((Errno.ENODEV, "MS_NOSUID", "type=no-such-fs"), (error.Errno, error.Flags, error.Detail));
            Assert.Equal(
                $"mount src=none, dst={scratch}, flags=MS_NOSUID, type=no-such-fs: ENODEV (No such device)",
                error.Message);
        });
    }

    [RootFact]
    public void EnterPrivateMountNamespace_MountInside_IsInvisibleToTheProcessTable()
    {
        string? mountPoint = null;
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            mountPoint = Directory.CreateDirectory(Path.Combine(scratch, "hidden")).FullName;
            Mounts.MountTmpfs(mountPoint, Small);
            Assert.True(MountInfo.ReadThread().IsMountPoint(mountPoint));

            // Another thread, outside this namespace, reads the table while the mount exists.
            var seenOutside = Task.Run(() => MountInfo.ReadSelf().MountsAtOrBelow(scratch).Count).GetAwaiter().GetResult();
            Assert.Equal(0, seenOutside);

            Assert.Equal(UnmountOutcome.Unmounted, Mounts.Unmount(mountPoint));
        });

        Assert.NotNull(mountPoint);
        Assert.Empty(MountInfo.ReadSelf().MountsAtOrBelow(Path.GetDirectoryName(mountPoint)!));
        Assert.Empty(MountInfo.ReadThread().MountsAtOrBelow(Path.GetDirectoryName(mountPoint)!));
    }

    [Fact]
    public async Task EnterPrivateMountNamespace_PoolThread_IsRefused()
    {
        var error = await Task.Run(() => Record.Exception(Mounts.EnterPrivateMountNamespace));

        Assert.IsType<InvalidOperationException>(error);
    }
}
