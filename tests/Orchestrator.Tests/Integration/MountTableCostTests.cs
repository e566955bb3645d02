using Akka.Actor;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Native.Mounting;
using Orchestrator.TestKit.Privileges;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Integration;

/// <summary>
/// What a container's life costs the native actor must not grow with the mounts the node holds:
/// with thousands of unrelated mounts in the namespace, creating and destroying a sandbox with a
/// container (bind rootfs and three bind volumes) through the real actors reads the whole mount
/// table not once. Counted, not timed.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class MountTableCostTests()
    : TreeTestKit
{
    private const int UnrelatedMounts = 3000;

    private static readonly TimeSpan Long = TimeSpan.FromMinutes(2);

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CreateAndDestroy_ThousandsOfUnrelatedMounts_NoWholeTableRead(bool tableOnly)
    {
        var native = Sys.ActorOf(Props.Create(() => new CountingNativeActor(tableOnly)).WithDispatcher(NativeCallActor.DispatcherId), "native");
        await using var scratch = await NamespaceScratch.CreateAsync(native, "mount-cost-");
        var made = await native.Ask<int>(new MountUnrelated(scratch.Dir("unrelated/source"), scratch.Dir("unrelated/mounts"), UnrelatedMounts), Long);
        var manager = Sys.ActorOf(SandboxManager.Props(native, new SandboxTreeSettings { RunDir = scratch.Path + "/run" }), SandboxManager.Name);
        var spec = new ContainerSpec(
            "c1",
            new RootfsSpec(RootfsKind.Bind, scratch.Dir("images/c1")),
            [new MountSpec(scratch.Dir("volumes/a"), "/a"), new MountSpec(scratch.Dir("volumes/b"), "/b", ReadOnly: true), new MountSpec(scratch.Dir("volumes/c"), "/c")],
            []);
        var before = await native.Ask<Counts>(GetCounts.Instance);

        await manager.Ask<SandboxInfo>(new CreateSandbox("s1"), Long);
        await manager.Ask<ContainerCreatedReply>(new AddContainer("s1", spec), Long);
        var report = await manager.Ask<TeardownReport>(new DestroySandbox("s1"), Long);
        var after = await native.Ask<Counts>(GetCounts.Instance);

        Assert.True(report.Clean, string.Join("; ", report.Errors));
        Assert.Equal(UnrelatedMounts, made);
        Assert.True(scratch.MountTable().Entries.Count > UnrelatedMounts);
        Assert.Empty(scratch.MountTable().MountsAtOrBelow(scratch.Path + "/run"));
        if (tableOnly)
        {
            // The fallback reads it (this is what the count guards against).
            Assert.True(after.TableReads > before.TableReads, $"{after.TableReads - before.TableReads} table reads");
        }
        else
        {
            Assert.Equal((0L, 0L), (after.TableReads - before.TableReads, after.SubtreeListings - before.SubtreeListings));
        }
    }

    private sealed record MountUnrelated(string Source, string Under, int Count);

    private sealed record GetCounts
    {
        public static readonly GetCounts Instance = new();
    }

    private sealed record Counts(long TableReads, long SubtreeListings);

    /// <summary>The native-call actor's body in its own private namespace, with its counters exposed.</summary>
    private sealed class CountingNativeActor : ReceiveActor
    {
        private readonly NativeOperations _operations;

        public CountingNativeActor(bool tableOnly)
        {
            _operations = new NativeOperations { MountTableOnly = tableOnly };
            Receive<GetNativeInfo>(_ => Sender.Tell(new NativeInfo("/proc/" + new FileInfo("/proc/thread-self").LinkTarget, MountNamespaceMode.Private)));
            Receive<NativeCall>(call => Sender.Tell(new NativeCallReply(call.Id, _operations.Execute(call.Request))));
            Receive<INativeRequest>(request => Sender.Tell(_operations.Execute(request)));
            Receive<GetCounts>(_ => Sender.Tell(new Counts(_operations.MountTableReads, _operations.SubtreeListings)));
            Receive<MountUnrelated>(m =>
            {
                for (var i = 0; i < m.Count; i++)
                {
                    Mounts.BindMount(m.Source, Path.Combine(m.Under, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), readOnly: false, Propagation.Private);
                }

                Sender.Tell(m.Count);
            });
        }

        protected override void PreStart() => Mounts.EnterPrivateMountNamespace();

        protected override void PostStop() => _operations.Dispose();
    }
}
