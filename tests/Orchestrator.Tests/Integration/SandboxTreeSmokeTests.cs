using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Native;
using Akka.Actor;
using Orchestrator.Actors.Sandboxes;
using Microsoft.Extensions.Logging;
using Orchestrator.TestKit;
using Orchestrator.TestKit.Privileges;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Integration;

public sealed class SandboxTreeSmokeTests()
    : TreeTestKit
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [RootFact]
    public async Task CreateAndDestroy_BindRootfsAndVolume_MountsAppearThenNothingIsLeft()
    {
        var native = Sys.ActorOf(NativeCallActor.Props(MountNamespaceMode.Private), "native");
        var info = await native.Ask<NativeInfo>(new GetNativeInfo());
        var scratch = Directory.CreateTempSubdirectory("tree-smoke-").FullName;
        try
        {
            await native.Ask<TmpfsMounted>(new MountTmpfs(scratch));
            string InNs(string path) => info.TaskProcPath + "/root" + path;
            Directory.CreateDirectory(InNs(scratch + "/images/c1"));
            Directory.CreateDirectory(InNs(scratch + "/data"));
            var settings = new SandboxTreeSettings { RunDir = scratch + "/run" };
            var manager = Sys.ActorOf(SandboxManager.Props(native, settings), SandboxManager.Name);

            var sandbox = await manager.Ask<SandboxInfo>(new CreateSandbox("s1"), Long);
            var created = await manager.Ask<ContainerCreatedReply>(new AddContainer("s1", new ContainerSpec(
                "c1",
                new RootfsSpec(RootfsKind.Bind, scratch + "/images/c1"),
                [new MountSpec(scratch + "/data", "/data", ReadOnly: true)],
                [])), Long);
            var mounted = (await native.Ask<MountsRead>(new ReadMounts(scratch + "/run"))).MountPoints;

            Assert.Equal(SandboxLifecycle.Ready, sandbox.Lifecycle);
            Assert.Contains(settings.Layout("s1").Rootfs("c1"), mounted);
            Assert.Contains(settings.Layout("s1").SharedView(settings.Layout("s1").Rootfs("c1")), mounted);
            var data = Assert.Single(created.Plan.SharedPaths);
            Assert.Contains(data.SharedPath, mounted);
            Assert.True(data.ReadOnly);

            var report = await manager.Ask<TeardownReport>(new DestroySandbox("s1"), Long);

            Assert.True(report.Clean, string.Join("; ", report.Errors));
            Assert.Empty((await native.Ask<MountsRead>(new ReadMounts(scratch + "/run"))).MountPoints);
            Assert.Empty(Directory.EnumerateFileSystemEntries(InNs(scratch + "/run/sandboxes")));
            await AwaitAssertAsync(async () => Assert.Empty((await manager.Ask<SandboxList>(ListSandboxes.Instance)).Sandboxes));
        }
        finally
        {
            await native.Ask<UnmountDone>(new Unmount(Path.GetDirectoryName(scratch)!, scratch, Detach: true));
            Directory.Delete(scratch, recursive: true);
        }
    }

    [RootFact]
    public async Task CreateAndDestroy_NormalLifecycle_LogsNoWarning()
    {
        var logs = new CapturingLoggerFactory();
        var native = Sys.ActorOf(NativeCallActor.Props(MountNamespaceMode.Private, logs), "native");
        await using var scratch = await NamespaceScratch.CreateAsync(native, "tree-quiet-");
        var settings = new SandboxTreeSettings { RunDir = scratch.Path + "/run", LoggerFactory = logs };
        var manager = Sys.ActorOf(SandboxManager.Props(native, settings), SandboxManager.Name);

        await manager.Ask<SandboxInfo>(new CreateSandbox("s1"), Long);
        await manager.Ask<ContainerCreatedReply>(new AddContainer("s1", new ContainerSpec(
            "c1",
            new RootfsSpec(RootfsKind.Bind, scratch.Dir("images/c1")),
            [new MountSpec(scratch.Dir("data"), "/data", ReadOnly: true), new MountSpec(scratch.Dir("rw"), "/rw")],
            [new VolumeSpec(scratch.Image("images/vol.img"), "/vol", "ext4")])), Long);
        await manager.Ask<ContainerCreatedReply>(new AddContainer("s1", new ContainerSpec("c2", new RootfsSpec(RootfsKind.Bind, scratch.Dir("images/c2")), [], [])), Long);
        Assert.True((await manager.Ask<TeardownReport>(new DestroyContainer("s1", "c2"), Long)).Clean);
        var report = await manager.Ask<TeardownReport>(new DestroySandbox("s1"), Long);

        Assert.True(report.Clean, string.Join("; ", report.Errors));
        var warnings = logs.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => $"{e.Category}: {e.Message}").ToList();
        Assert.True(warnings.Count == 0, string.Join(Environment.NewLine, warnings));
        Assert.DoesNotContain(logs.Entries, e => e.EventId.Id is 1004 or 1008);
    }

    private static async Task AwaitAssertAsync(Func<Task> assertion)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Xunit.Sdk.XunitException) when (attempt < 50)
            {
                await Task.Yield();
            }
        }
    }
}
