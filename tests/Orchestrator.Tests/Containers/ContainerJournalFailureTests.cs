using Akka.Actor;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Errors;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Containers;

/// <summary>A container whose journal fails mid-create answers the caller and stops; it never goes on from state it did not persist.</summary>
public sealed class ContainerJournalFailureTests() : TreeTestKit(TestJournalPersistence)
{
    private static readonly ContainerSpec Spec = new("c1", new RootfsSpec(RootfsKind.Bind, "/images/c1"), [], []);

    [Fact]
    public async Task AddContainer_JournalWriteFailsAfterInspection_AnsweredJournalUnavailableNothingMountedAndStopped()
    {
        var (native, container) = SpawnWatched();
        container.Tell(new GetContainer("s1", "c1"));
        ExpectMsg<ContainerInfo>();
        await WriteBehavior.Fail();

        container.Tell(new AddContainer("s1", Spec));
        native.Answer<InspectHostPaths>();

        var cause = Assert.IsType<JournalUnavailableException>(ExpectMsg<Status.Failure>().Cause);
        Assert.Equal("container-s1-c1-1", cause.PersistenceId);
        ExpectTerminated(container);
        native.ExpectNoRequest(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task DestroyContainer_JournalRejectsTheUndoIntent_AnsweredJournalUnavailableTheUnmountNeverRunsAndStopped()
    {
        var (native, container) = SpawnWatched();
        container.Tell(new AddContainer("s1", Spec));
        native.ServeUntilReplied(this);
        ExpectMsg<ContainerCreatedReply>();
        await WriteBehavior.Reject();

        container.Tell(new DestroyContainer("s1", "c1"));

        Assert.IsType<JournalUnavailableException>(ExpectMsg<Status.Failure>().Cause);
        ExpectTerminated(container);
        native.ExpectNoRequest(TimeSpan.FromMilliseconds(100));
    }

    private (NativeProbe Native, IActorRef Container) SpawnWatched()
    {
        var native = new NativeProbe(CreateTestProbe("native"));
        var settings = new SandboxTreeSettings { RunDir = "/run/o" };
        var container = Sys.ActorOf(ContainerActor.Props("s1", new ContainerEntry("c1", 1, []), BlockDriver.VirtioBlk, native.Ref, settings, respawned: false), "c1-1");
        Watch(container);
        return (native, container);
    }
}
