using Akka.Actor;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Errors;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Native.Loop;
using Orchestrator.Native.Mounting;
using Orchestrator.Native.MountTables;
using Orchestrator.TestKit.Privileges;
using Orchestrator.Tests.Integration;
using Orchestrator.Tests.Support;
using Xunit.Abstractions;

namespace Orchestrator.Tests.Recovery;

/// <summary>
/// Kills the tree after every durable write of a sandbox's and a container's create and destroy
/// (the journal stops completing writes, so the frozen system is a process killed right after
/// that write), starts a new actor system on the same journal in the same mount namespace, and
/// checks it finishes with nothing leaked and no sequence number reused.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class SandboxTreeRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);

    private readonly string _scratch = Directory.CreateTempSubdirectory("tree-recovery-").FullName;
    private bool _mounted;

    public void Dispose()
    {
        if (_mounted)
        {
            Mounts.Unmount(_scratch, detach: true);
        }

        Directory.Delete(_scratch, recursive: true);
    }

    [PrivateNamespaceFact]
    public async Task Recover_KilledAfterEveryWriteOfCreateAndDestroy_FinishesWithNothingLeakedAndNoSequenceNumberReused()
    {
        Mounts.MountTmpfs(_scratch, new TmpfsOptions(SizeBytes: 64L * 1024 * 1024));
        _mounted = true;
        var rootfs = Directory.CreateDirectory(Path.Combine(_scratch, "images/c1")).FullName;
        var readOnly = Directory.CreateDirectory(Path.Combine(_scratch, "ro")).FullName;
        var image = Path.Combine(_scratch, "images/vol.img");
        await using (var file = File.Create(image))
        {
            file.SetLength(1024 * 1024);
        }

        var spec = new ContainerSpec("c1", new RootfsSpec(RootfsKind.Bind, rootfs), [new MountSpec(readOnly, "/ro", ReadOnly: true)], [new VolumeSpec(image, "/vol", "ext4")]);
        for (var durable = 0; ; durable++)
        {
            var frozeMidway = await RunCaseAsync(durable, spec, image);
            if (!frozeMidway)
            {
                output.WriteLine($"the scenario takes {durable} writes; every one was a crash point");
                // At least: registration; the layout's intents and outcomes; the admission; the
                // container's intents and outcomes; the destroy's start; the container's undo intents
                // and outcomes; its removal; the layout's undo intents and outcomes; the unregistration.
                Assert.True(durable >= 13, $"only {durable} writes: the scenario did less than expected");
                return;
            }
        }
    }

    /// <summary>Returns false when the scenario finished before the journal froze (every crash point has been tried).</summary>
    private async Task<bool> RunCaseAsync(int durable, ContainerSpec spec, string image)
    {
        var runDir = Path.Combine(_scratch, $"run{durable}");
        var settings = new SandboxTreeSettings { RunDir = runDir, NativeCallTimeout = TimeSpan.FromSeconds(10) };
        using var store = FrozenJournalStore.Create();
        var first = ActorSystem.Create("first", TreeTestKit.Configuration(FreezingJournal.Hocon(store, durable)));
        try
        {
            var native = first.ActorOf(NativeCallActor.Props(MountNamespaceMode.Host), "native");
            var manager = first.ActorOf(SandboxManager.Props(native, settings), SandboxManager.Name);
            using var cancel = new CancellationTokenSource();
            var scenario = ScenarioAsync(manager, spec, cancel.Token);
            if (await Task.WhenAny(scenario, store.Frozen) == scenario)
            {
                await scenario;
                AssertNothingLeft(runDir, image, $"no crash (after {durable} writes)");
                return false;
            }

            await cancel.CancelAsync();
            await IgnoringCancellationAsync(scenario);

            // Whatever the frozen system had already sent to the kernel is done once these are answered.
            await native.Ask<NativeInfo>(new GetNativeInfo(), Long);
            await native.Ask<NativeInfo>(new GetNativeInfo(), Long);
            var before = HighestSequenceNumbers(store);

            await RecoverAndDestroyAsync(store, settings, durable);

            var after = HighestSequenceNumbers(store);
            Assert.All(before, b => Assert.True(after[b.Key] >= b.Value, $"{b.Key}: highest sequence number went from {b.Value} to {after[b.Key]}"));
            AssertContiguous(store, durable);
        }
        finally
        {
            await first.Terminate().WaitAsync(Long);
        }

        // The frozen system held its loop devices open; autoclear lets them go once it has stopped.
        AssertNothingLeft(runDir, image, $"crash after write {durable}");
        return true;
    }

    private static async Task ScenarioAsync(IActorRef manager, ContainerSpec spec, CancellationToken cancel)
    {
        await manager.Ask<SandboxInfo>(new CreateSandbox("s1"), Long, cancel);
        await manager.Ask<ContainerCreatedReply>(new AddContainer("s1", spec), Long, cancel);
        var report = await manager.Ask<TeardownReport>(new DestroySandbox("s1"), Long, cancel);
        Assert.True(report.Clean, string.Join("; ", report.Errors));
    }

    private static async Task IgnoringCancellationAsync(Task scenario)
    {
        try
        {
            await scenario;
        }
        catch (OperationCanceledException)
        {
            // The scenario was cut off on purpose: its system froze.
        }
    }

    private static async Task RecoverAndDestroyAsync(FrozenJournalStore store, SandboxTreeSettings settings, int durable)
    {
        var second = ActorSystem.Create("second", TreeTestKit.Configuration(FreezingJournal.Hocon(store, int.MaxValue)));
        try
        {
            var native = second.ActorOf(NativeCallActor.Props(MountNamespaceMode.Host), "native");
            var manager = second.ActorOf(SandboxManager.Props(native, settings), SandboxManager.Name);
            try
            {
                var report = await manager.Ask<TeardownReport>(new DestroySandbox("s1"), Long);
                Assert.True(report.Clean, $"crash after write {durable}: " + string.Join("; ", report.Errors));
            }
            catch (NotFoundException)
            {
                // Recovery already finished the sandbox off (an interrupted create or destroy).
            }
            catch (AskTimeoutException e)
            {
                throw new Xunit.Sdk.XunitException($"crash after write {durable}: no answer to the destroy ({e.Message}); journal: {Describe(store)}");
            }

            var list = await manager.Ask<SandboxList>(ListSandboxes.Instance, Long);
            Assert.True(list.Sandboxes.Count == 0, $"crash after write {durable}: still listed: {string.Join(", ", list.Sandboxes)}");
            Assert.Empty(Registered(store));
            Assert.Empty(store.Rejections);
        }
        finally
        {
            await second.Terminate().WaitAsync(Long);
        }
    }

    /// <summary>The sandboxes the manager's journal still registers.</summary>
    private static IReadOnlySet<string> Registered(FrozenJournalStore store)
    {
        var registered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in store.Events(SandboxManager.Name))
        {
            _ = e switch
            {
                SandboxRegistered r => registered.Add(r.SandboxId),
                SandboxUnregistered u => registered.Remove(u.SandboxId),
                _ => false,
            };
        }

        return registered;
    }

    private static string Describe(FrozenJournalStore store) => string.Join(
        "; ",
        store.PersistenceIds().Select(id => $"{id}: {string.Join(", ", store.Events(id).Select(JournalEvents.Describe))}"));

    private static Dictionary<string, long> HighestSequenceNumbers(FrozenJournalStore store) =>
        store.PersistenceIds().ToDictionary(id => id, store.Highest, StringComparer.Ordinal);

    private static void AssertContiguous(FrozenJournalStore store, int durable)
    {
        foreach (var id in store.PersistenceIds())
        {
            var numbers = store.Read(id).Select(p => p.SequenceNr).ToList();
            Assert.True(numbers.SequenceEqual(Enumerable.Range(1, numbers.Count).Select(n => (long)n)), $"crash after write {durable}: {id} has sequence numbers {string.Join(",", numbers)}");
        }
    }

    private static void AssertNothingLeft(string runDir, string image, string when)
    {
        var mounts = MountInfo.ReadSelf().MountsAtOrBelow(runDir).Select(m => m.MountPoint).ToList();
        Assert.True(mounts.Count == 0, $"{when}: mounts left: {string.Join(", ", mounts)}");
        var sandboxes = Path.Combine(runDir, "sandboxes");
        var dirs = Directory.Exists(sandboxes) ? Directory.GetFileSystemEntries(sandboxes) : [];
        Assert.True(dirs.Length == 0, $"{when}: left under sandboxes/: {string.Join(", ", dirs)}");
        var loops = LoopDevices.FindByBackingFile(image);
        Assert.True(loops.Count == 0, $"{when}: loop devices left: {string.Join(", ", loops.Select(l => l.DevicePath))}");
    }
}
