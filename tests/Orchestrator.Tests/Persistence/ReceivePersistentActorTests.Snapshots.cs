using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Runtime;

namespace Orchestrator.Tests.Persistence;

public sealed partial class ReceivePersistentActorTests
{
    [Fact]
    public void SaveSnapshot_Stored_RepliesSuccessWithTheLastSequenceNr()
    {
        var actor = Start("snapshot-1");
        ExpectMsg(new Recovered("", 0));
        actor.Tell(new Add("a"));
        ExpectMsg(new Added("a", 1));

        actor.Tell(new TakeSnapshot());

        var metadata = ExpectMsg<SaveSnapshotSuccess>().Metadata;
        Assert.Equal(("snapshot-1", 1L), (metadata.PersistenceId, metadata.SequenceNr));
    }

    [Fact]
    public void SaveSnapshot_StateWithoutManifest_RepliesFailure()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Snapshotter("snapshot-2", new NoManifestEvent("state"), TestActor)));

        actor.Tell("snapshot");

        var failure = ExpectMsg<SaveSnapshotFailure>();
        Assert.IsType<EventSerializationException>(failure.Cause);
        Assert.Equal("snapshot-2", failure.Metadata.PersistenceId);
    }

    [Fact]
    public void DeleteMessages_UpToTwo_RepliesSuccessAndRecoveryReplaysOnlyTheRest()
    {
        var first = Start("delete-1");
        ExpectMsg(new Recovered("", 0));
        first.Tell(new Add("a"));
        first.Tell(new Add("b"));
        first.Tell(new Add("c"));
        ExpectMsg(new Added("a", 1));
        ExpectMsg(new Added("b", 2));
        ExpectMsg(new Added("c", 3));

        first.Tell(new Delete(2));
        ExpectMsg(new DeleteMessagesSuccess(2));
        Start("delete-1", "second");

        ExpectMsg(new Replayed("c", 3));
        ExpectMsg(new Recovered("c", 3));
    }

    [Fact]
    public void DeleteMessages_BeyondLastSequenceNr_RepliesFailure()
    {
        var actor = Start("delete-2");
        ExpectMsg(new Recovered("", 0));
        actor.Tell(new Add("a"));
        ExpectMsg(new Added("a", 1));

        actor.Tell(new Delete(5));

        var failure = ExpectMsg<DeleteMessagesFailure>();
        Assert.Equal(5, failure.ToSequenceNr);
        Assert.IsType<ArgumentOutOfRangeException>(failure.Cause);
    }

    private sealed class Snapshotter : ReceivePersistentActor
    {
        private readonly string _persistenceId;

        public Snapshotter(string persistenceId, object state, IActorRef monitor)
        {
            _persistenceId = persistenceId;
            Command<string>(_ => SaveSnapshot(state));
            Command<SaveSnapshotFailure>(m => monitor.Tell(m));
        }

        public override string PersistenceId => _persistenceId;
    }
}
