using Orchestrator.Actors.Native;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Native.HostPaths;
using Orchestrator.Native.MountTables;
using Orchestrator.TestKit.Privileges;

namespace Orchestrator.Tests.Native;

public sealed partial class NativeOperationsTests
{
    [RootFact]
    public void InspectHostPaths_OwnDirectoriesAndTheHostRootDisk_Refused()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var state = Directory.CreateDirectory(Path.Combine(scratch, "state")).FullName;
            File.WriteAllText(Path.Combine(state, "journal.db"), "journal");
            var run = Directory.CreateDirectory(Path.Combine(scratch, "run")).FullName;
            var link = Path.Combine(scratch, "innocent");
            File.CreateSymbolicLink(link, state);
            using var ops = new NativeOperations(new SourcePolicy([state, run], []));
            var rootDisk = MountInfo.ReadThread().FindByMountPoint("/")!.Source;
            string[] sources = [Path.Combine(state, "journal.db"), link, run, rootDisk];

            var facts = Ok<HostPathsInspected>(ops.Execute(new InspectHostPaths(sources))).Paths;

            Assert.All(facts.Take(3), f => Assert.Contains("own directory", f.Problem, StringComparison.Ordinal));
            if (File.Exists(rootDisk) || rootDisk.StartsWith("/dev/", StringComparison.Ordinal))
            {
                Assert.Contains("mounted on the host", facts[3].Problem, StringComparison.Ordinal);
            }
        });
    }

    [RootFact]
    public void BindMount_SourceInsideTheRunDir_RefusedAtBindTimeAndNothingMounted()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var layout = new SandboxLayout(Path.Combine(scratch, "run"), "s1");
            using var ops = new NativeOperations(new SourcePolicy([Path.Combine(scratch, "state"), Path.Combine(scratch, "run")], []));
            LayOut(ops, layout);
            var other = Directory.CreateDirectory(Path.Combine(scratch, "run", "sandboxes", "s2", "mounts")).FullName;
            var target = layout.HostMount("c1", "/steal");

            var reply = ops.Execute(new BindMount(other, target, ReadOnly: false));

            var failed = Assert.IsType<NativeFailed>(reply);
            Assert.Equal("EPERM", failed.Error.Errno);
            Assert.False(MountInfo.ReadThread().IsMountPoint(target));
            TearDown(ops, layout);
        });
    }
}
