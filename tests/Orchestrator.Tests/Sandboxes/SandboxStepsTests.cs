using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.TestKit;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Sandboxes;

public class SandboxStepsTests
{
    private static readonly SandboxCreateRequested Request = new("s1", SharedFs.VirtioFs, BlockDriver.VirtioBlk);

    [Fact]
    public void Create_Healthy_PrivateRootSharedMountsReadOnlySlaveShared()
    {
        var host = new ScriptedSandboxHost(ScriptedStepHost.Healthy);

        var error = Steps.CreateSandbox(host, Request, TeardownRetryPolicy.Default);

        Assert.Null(error);
        Assert.Equal(SandboxLifecycle.Ready, host.State.Lifecycle);
        var binds = host.Calls.OfType<BindMount>().ToList();
        Assert.Equal(
            [
                new BindMount(host.Layout.Root, host.Layout.Root, false, "private"),
                new BindMount(host.Layout.Mounts, host.Layout.Mounts, false, "shared"),
                new BindMount(host.Layout.Mounts, host.Layout.Shared, true, "slave"),
            ],
            binds);
    }

    [Fact]
    public void Create_SlaveBindFails_RollsBackEverythingAndEndsFailed()
    {
        var host = new ScriptedSandboxHost(r => r is BindMount { Propagation: "slave" } b ? ScriptedStepHost.Failure("mount", "EINVAL", b.Target) : ScriptedStepHost.Healthy(r));

        var error = Steps.CreateSandbox(host, Request, TeardownRetryPolicy.Default);

        Assert.Equal("EINVAL", error!.Error.Errno);
        Assert.Equal("shared-bind", error.Key);
        Assert.Equal(SandboxLifecycle.Failed, host.State.Lifecycle);
        Assert.Equal([host.Layout.Mounts, host.Layout.Root], host.Calls.OfType<Unmount>().Select(u => u.Target));
        Assert.Empty(host.State.Ledger.ToUndo);
        Assert.All(host.Calls.OfType<Unmount>(), u => Assert.Equal(host.Layout.SandboxesDir, u.Root));
    }

    [Fact]
    public void DestroyLayout_Always_SweepsStagingBeforePrivateIsRemoved()
    {
        var host = new ScriptedSandboxHost(ScriptedStepHost.Healthy);
        Steps.CreateSandbox(host, Request, TeardownRetryPolicy.Default);
        var destroying = new ScriptedSandboxHost(ScriptedStepHost.Healthy, host.State);

        var errors = Steps.DestroyLayout(destroying, "destroy", TeardownRetryPolicy.Default);

        Assert.Empty(errors);
        Assert.Equal(new SweepStaging(destroying.SafeRoot, host.Layout.Private), destroying.Calls[0]);
        Assert.True(destroying.Calls.FindIndex(c => c is RemoveMountPoint r && r.Target == host.Layout.Private) > 0);
        Assert.Equal(SandboxLifecycle.Destroyed, destroying.State.Lifecycle);
    }

    [Fact]
    public void DestroyLayout_Healthy_EachDirectoryRemovedOnceByItsOwnUndoAndNothingFoundGone()
    {
        var host = new ScriptedSandboxHost(ScriptedStepHost.Healthy);
        Steps.CreateSandbox(host, Request, TeardownRetryPolicy.Default);
        var logs = new CapturingLoggerFactory();
        var destroying = new ScriptedSandboxHost(ScriptedStepHost.Healthy, host.State) { Log = logs.CreateLogger("layout") };

        Assert.Empty(Steps.DestroyLayout(destroying, "destroy", TeardownRetryPolicy.Default));

        var removed = destroying.Calls.OfType<RemoveMountPoint>().Select(r => r.Target).ToList();
        Assert.Equal([host.Layout.Private, host.Layout.Shared, host.Layout.Mounts, host.Layout.Root], removed);
        Assert.DoesNotContain(destroying.Events.OfType<ResourceUndone>(), u => u.How == UndoOutcome.AlreadyGone);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning || e.EventId.Id is 1004 or 1008);
    }

    [Fact]
    public void DestroyLayout_BindUnmountedBehindTheJournalsBack_WarnsThatItWasAlreadyGone()
    {
        var host = new ScriptedSandboxHost(ScriptedStepHost.Healthy);
        Steps.CreateSandbox(host, Request, TeardownRetryPolicy.Default);
        var logs = new CapturingLoggerFactory();
        var destroying = new ScriptedSandboxHost(
            r => r is Unmount { Target: var t } && t == host.Layout.Shared ? new UnmountDone(t, UnmountOutcome.NotMounted) : ScriptedStepHost.Healthy(r),
            host.State) { Log = logs.CreateLogger("layout") };

        Assert.Empty(Steps.DestroyLayout(destroying, "destroy", TeardownRetryPolicy.Default));

        var warning = Assert.Single(logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal((LogLevel.Warning, 1004), (warning.Level, warning.EventId.Id));
        Assert.Equal(host.Layout.Shared, warning.Property("MountTarget"));
    }

    [Fact]
    public void DestroyLayout_ResumedAfterTheUnmountRan_AlreadyGoneIsInformationOnly()
    {
        var host = new ScriptedSandboxHost(ScriptedStepHost.Healthy);
        Steps.CreateSandbox(host, Request, TeardownRetryPolicy.Default);
        var interrupted = host.State.Apply(new SandboxDestroyStarted("destroy")).Apply(new UndoStarted("shared-bind"));
        var logs = new CapturingLoggerFactory();
        var resumed = new ScriptedSandboxHost(
            r => r is Unmount { Target: var t } && t == host.Layout.Shared ? new UnmountDone(t, UnmountOutcome.NotMounted) : ScriptedStepHost.Healthy(r),
            interrupted) { Log = logs.CreateLogger("layout") };

        Assert.Empty(Steps.DestroyLayout(resumed, "destroy", TeardownRetryPolicy.Default));

        var entry = Assert.Single(logs.Entries, e => e.EventId.Id is 1004 or 1008);
        Assert.Equal((LogLevel.Information, 1008), (entry.Level, entry.EventId.Id));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public void Apply_ContainersAdded_BlockIndexesNeverReused()
    {
        var state = new ISandboxEvent[]
        {
            Request, new SandboxReady(), new ContainerAdded("a", 3, [0, 1]), new ContainerAdded("b", 4, []), new ContainerRemoved("a"),
        }.Aggregate(SandboxState.Empty, (s, e) => s.Apply(e));

        Assert.Equal(2, state.NextBlockIndex);
        Assert.Equal(["b"], state.Containers.Keys);
        Assert.Equal("container-s1-b-4", state.Containers["b"].PersistenceId("s1"));
    }

    [Fact]
    public void Apply_ContainerAddedV2_KeepsTheJournaledPersistenceIdWhileOlderEntriesDeriveTheirs()
    {
        var v2Id = ContainerEntry.PersistenceIdFor("s1", 2, "b", 4);
        var state = new ISandboxEvent[]
        {
            Request, new SandboxReady(), new ContainerAdded("a", 3, [0]), new ContainerAddedV2("b", 4, [1, 2], v2Id),
        }.Aggregate(SandboxState.Empty, (s, e) => s.Apply(e));

        Assert.Equal("container-s1-a-3", state.Containers["a"].PersistenceId("s1"));
        Assert.Equal("container/s1/2/b/4", state.Containers["b"].PersistenceId("s1"));
        Assert.Equal(3, state.NextBlockIndex);
        Assert.NotEqual(ContainerEntry.PersistenceIdFor("s1", 1, "b", 4), v2Id);
    }

    [Fact]
    public void Create_RootDirectoryCannotBeMade_RollbackRemovesNothingItDidNotCreate()
    {
        var host = new ScriptedSandboxHost(r => r is EnsureDirectory { Path: var p } && p.EndsWith("/s1", StringComparison.Ordinal)
            ? ScriptedStepHost.Failure("mkdir", "EEXIST", p)
            : ScriptedStepHost.Healthy(r));

        var error = Steps.CreateSandbox(host, Request, TeardownRetryPolicy.Default);

        Assert.Equal("EEXIST", error!.Error.Errno);
        Assert.DoesNotContain(host.Calls, c => c is RemoveMountPoint or Unmount);
        Assert.Equal(SandboxLifecycle.Failed, host.State.Lifecycle);
        Assert.Empty(host.State.Ledger.ToUndo);
    }
}
