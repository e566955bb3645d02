using Orchestrator.Native.Interop;
using Orchestrator.Native.Mounting;
using Orchestrator.Native.MountTables;
using Orchestrator.Native.Paths;
using Orchestrator.TestKit.Privileges;

namespace Orchestrator.Native.Tests.Mounting;

public sealed class MountsBindTests
{
    [RootFact]
    public void BindMount_Directory_CreatesTargetAndMountsResolvedSource()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var source = Directory.CreateDirectory(Path.Combine(scratch, "src")).FullName;
            File.WriteAllText(Path.Combine(source, "hello"), "hi");
            var link = Path.Combine(scratch, "src-link");
            File.CreateSymbolicLink(link, source);
            var target = Path.Combine(scratch, "mounts", "c1", "rootfs");

            var result = Mounts.BindMount(link, target, readOnly: false, Propagation.Private);

            Assert.Equal(new BindMountResult(source, target, TargetCreated: true), result);
            Assert.Equal("hi", File.ReadAllText(Path.Combine(target, "hello")));
            var entry = MountInfo.ReadThread().FindByMountPoint(target)!;
            Assert.Equal("/src", entry.Root);
            Assert.False(entry.IsReadOnly);
            Assert.Equal(UnmountOutcome.Unmounted, Mounts.Unmount(target));
        });
    }

    [RootFact]
    public void BindMount_File_CreatesEmptyFileTarget()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var source = Path.Combine(scratch, "resolv.conf");
            File.WriteAllText(source, "nameserver 10.0.0.1\n");
            var target = Path.Combine(scratch, "mounts", "c1-resolv.conf");

            Mounts.BindMount(source, target, readOnly: true, Propagation.Unchanged);

            Assert.Equal("nameserver 10.0.0.1\n", File.ReadAllText(target));
            Assert.True(MountInfo.ReadThread().FindByMountPoint(target)!.IsReadOnly);
            var write = Record.Exception(() => File.WriteAllText(target, "x"));
            Assert.Contains("Read-only file system", write?.Message, StringComparison.Ordinal);
            Assert.Equal(UnmountOutcome.Unmounted, Mounts.Unmount(target));
            Assert.Equal(0UL, FileStat.Lstat(target).Size);
        });
    }

    [RootFact]
    public void BindMount_ReadOnlyOfNosuidMount_KeepsNosuidNodevNoexec()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var locked = Directory.CreateDirectory(Path.Combine(scratch, "locked")).FullName;
            Mounts.MountTmpfs(locked, new TmpfsOptions(SizeBytes: 1 << 20), MountFlags.NoSuid | MountFlags.NoDev | MountFlags.NoExec);
            var target = Path.Combine(scratch, "ro");

            Mounts.BindMount(locked, target, readOnly: true, Propagation.Private);

            var entry = MountInfo.ReadThread().FindByMountPoint(target)!;
            Assert.Equal(["ro", "nosuid", "nodev", "noexec", "relatime"], entry.Options);
            Assert.False(MountInfo.ReadThread().FindByMountPoint(locked)!.IsReadOnly);
            Assert.Equal(UnmountOutcome.Unmounted, Mounts.Unmount(target));
            Assert.Equal(UnmountOutcome.Unmounted, Mounts.Unmount(locked));
        });
    }

    [RootTheory]
    [InlineData(Propagation.Private, "")]
    [InlineData(Propagation.Shared, "shared")]
    [InlineData(Propagation.Slave, "master")]
    [InlineData(Propagation.Unbindable, "unbindable")]
    [InlineData(Propagation.RecursiveShared, "shared")]
    [InlineData(Propagation.RecursiveSlave, "master")]
    public void BindMount_Propagation_ShowsInOptionalFields(Propagation propagation, string expectedTag)
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            // A slave needs a master: bind from a shared mount, whose copy joins its peer group first.
            var upstream = Directory.CreateDirectory(Path.Combine(scratch, "upstream")).FullName;
            Mounts.MountTmpfs(upstream, new TmpfsOptions(SizeBytes: 1 << 20));
            Mounts.SetPropagation(upstream, Propagation.Shared);
            var upstreamGroup = MountInfo.ReadThread().FindByMountPoint(upstream)!.SharedPeerGroup;
            var target = Path.Combine(scratch, "target");

            Mounts.BindMount(upstream, target, readOnly: false, propagation);

            var entry = MountInfo.ReadThread().FindByMountPoint(target)!;
            var tags = entry.OptionalFields.Select(f => f.Split(':')[0]).ToArray();
            if (expectedTag.Length == 0)
            {
                Assert.Empty(tags);
            }
            else
            {
                Assert.Equal([expectedTag], tags);
            }

            if (expectedTag == "master")
            {
                Assert.Equal(upstreamGroup, entry.MasterPeerGroup);
            }

            if (expectedTag == "shared")
            {
                // A bind of a shared mount joins the source's peer group.
                Assert.Equal(upstreamGroup, entry.SharedPeerGroup);
            }

            Assert.Equal(UnmountOutcome.Unmounted, Mounts.Unmount(target));
            Assert.Equal(UnmountOutcome.Unmounted, Mounts.Unmount(upstream));
        });
    }

    [RootFact]
    public void BindMount_Recursive_CarriesSubmounts()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var source = Directory.CreateDirectory(Path.Combine(scratch, "src")).FullName;
            var sub = Directory.CreateDirectory(Path.Combine(source, "sub")).FullName;
            Mounts.MountTmpfs(sub, new TmpfsOptions(SizeBytes: 1 << 20));
            var target = Path.Combine(scratch, "dst");

            Mounts.BindMount(source, target, readOnly: false, Propagation.Private, recursive: true);

            Assert.True(MountInfo.ReadThread().IsMountPoint(Path.Combine(target, "sub")));
            Assert.Equal(UnmountOutcome.Busy, Mounts.Unmount(target));
            Assert.Equal(UnmountOutcome.Unmounted, Mounts.Unmount(Path.Combine(target, "sub")));
            Assert.Equal(UnmountOutcome.Unmounted, Mounts.Unmount(target));
            Assert.Equal(UnmountOutcome.Unmounted, Mounts.Unmount(sub));
        });
    }

    [RootFact]
    public void BindMount_MissingSource_ThrowsBeforeCreatingTarget()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var target = Path.Combine(scratch, "never");

            var error = Assert.Throws<NativeCallException>(
                () => Mounts.BindMount(Path.Combine(scratch, "missing"), target, readOnly: false, Propagation.Private));

            Assert.Equal((Errno.ENOENT, "realpath"), (error.Errno, error.Syscall));
            Assert.False(Path.Exists(target));
        });
    }

    [RootFact]
    public void BindMount_UndefinedPropagation_ThrowsBeforeAnySyscall()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var source = Directory.CreateDirectory(Path.Combine(scratch, "src")).FullName;
            var target = Path.Combine(scratch, "dst");

            Assert.Throws<ArgumentOutOfRangeException>(() => Mounts.BindMount(source, target, false, (Propagation)99));

            Assert.False(Path.Exists(target));
            Assert.Single(MountInfo.ReadThread().MountsAtOrBelow(scratch));
        });
    }

    [RootFact]
    public void BindMount_SymlinkInTargetPath_RefusesWithoutMounting()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var source = Directory.CreateDirectory(Path.Combine(scratch, "src")).FullName;
            var elsewhere = Directory.CreateDirectory(Path.Combine(scratch, "elsewhere")).FullName;
            File.CreateSymbolicLink(Path.Combine(scratch, "mounts"), elsewhere);

            var error = Assert.Throws<PathRefusedException>(
                () => Mounts.BindMount(source, Path.Combine(scratch, "mounts", "x"), false, Propagation.Private));

            Assert.Equal(PathRefusal.SymbolicLink, error.Reason);
            Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
        });
    }
}
