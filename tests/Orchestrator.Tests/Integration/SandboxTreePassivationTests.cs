using System.Text.Json;
using Akka.Actor;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.TestKit;
using Orchestrator.TestKit.Privileges;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Integration;

/// <summary>
/// Passivation against the kernel: while a container's actor is stopped its binds, hot-added path and
/// loop device stay in place, and the actor woken from its journal finds them all as journaled.
/// </summary>
public sealed class SandboxTreePassivationTests : TreeTestKit
{
    private const int PassivatedEvent = 3015;
    private const int WokenEvent = 3016;

    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [RootFact]
    public async Task PassivatedContainer_Woken_StillHoldsItsMountsAndLoopDeviceJournalsNothingThenTearsDownClean()
    {
        var logs = new CapturingLoggerFactory();
        var native = Sys.ActorOf(NativeCallActor.Props(MountNamespaceMode.Private), "native");
        await using var scratch = await NamespaceScratch.CreateAsync(native, "tree-passivate-");
        var settings = new SandboxTreeSettings { RunDir = scratch.Path + "/run", LoggerFactory = logs, PassivateIdleContainersAfter = TimeSpan.FromMilliseconds(300) };
        var manager = Sys.ActorOf(SandboxManager.Props(native, settings), SandboxManager.Name);
        var image = scratch.Image("images/vol.img");
        await manager.Ask<SandboxInfo>(new CreateSandbox("s1"), Long);
        await manager.Ask<ContainerCreatedReply>(new AddContainer("s1", new ContainerSpec(
            "c1",
            new RootfsSpec(RootfsKind.Bind, scratch.Dir("images/c1")),
            [new MountSpec(scratch.Dir("data", files: 1), "/data", ReadOnly: true)],
            [new VolumeSpec(image, "/vol", "ext4")])), Long);
        var hot = await manager.Ask<PathAddedReply>(new AddPath("s1", "c1", scratch.Dir("hot", files: 1), "/hot", ReadOnly: false), Long);
        var before = await manager.Ask<ContainerInfo>(new GetContainer("s1", "c1"), Long);
        var mounted = (await native.Ask<MountsRead>(new ReadMounts(settings.RunDir))).MountPoints;
        var journal = JournalEvents.Describe(this, ContainerPersistenceId());

        // Passivated now: every wake-up so far followed a passivation, and one more passivation came after.
        AwaitCondition(() => Count(logs, PassivatedEvent) == Count(logs, WokenEvent) + 1, Long);
        var wakes = Count(logs, WokenEvent);

        Assert.Equal(mounted.Order(), (await native.Ask<MountsRead>(new ReadMounts(settings.RunDir))).MountPoints.Order());
        Assert.Equal(before.Plan!.BlockDevices.Single().HostDevice, (await native.Ask<LoopFound>(new FindLoop(image))).Device);
        Assert.True(File.Exists(scratch.InNamespace(hot.Path.SharedPath + "/file0")));

        var woken = await manager.Ask<ContainerInfo>(new GetContainer("s1", "c1"), Long);

        Assert.Equal(wakes + 1, Count(logs, WokenEvent));
        Assert.Equal(JsonSerializer.Serialize(before), JsonSerializer.Serialize(woken));
        // Reconciled, and nothing to record: the kernel still had every bind and the loop device.
        Assert.Equal(journal, JournalEvents.Describe(this, ContainerPersistenceId()));

        var report = await manager.Ask<TeardownReport>(new DestroySandbox("s1"), Long);

        Assert.True(report.Clean, string.Join("; ", report.Errors));
        Assert.Empty((await native.Ask<MountsRead>(new ReadMounts(settings.RunDir))).MountPoints);
        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch.InNamespace(settings.RunDir + "/sandboxes")));
        Assert.Null((await native.Ask<LoopFound>(new FindLoop(image))).Device);
    }

    private static int Count(CapturingLoggerFactory logs, int eventId) =>
        logs.Entries.Count(e => e.EventId.Id == eventId && Equals(e.Property("ContainerId"), "c1"));

    private string ContainerPersistenceId()
    {
        var incarnation = JournalEvents.Read(this, SandboxManager.Name).OfType<SandboxRegistered>().Single().Incarnation;
        return JournalEvents.Read(this, SandboxSupervisor.PersistenceIdFor("s1", incarnation)).OfType<ContainerAddedV2>().Single().PersistenceId;
    }
}
