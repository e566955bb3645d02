using System.Collections.Immutable;
using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Persistence.Sqlite;
using Orchestrator.Actors.Runtime;

namespace Orchestrator.Tests.Persistence;

/// <summary>A persistent actor over the SQLite journal, across a restart of the whole process state.</summary>
public sealed class ReceivePersistentActorSqliteTests : IDisposable
{
    private static readonly EventSerializer Serializer = new(
        EventManifestRegistry.FromTypes(typeof(ItemAdded), typeof(ItemsSnapshot)));

    private readonly TemporaryDirectory _directory = new();

    private string DatabasePath => Path.Combine(_directory.Path, "journal.db");

    [Fact]
    public async Task Recovery_NewActorSystemOnTheSameFile_RecoversTheSameState()
    {
        await using (var journal = new SqliteJournal(DatabasePath, Serializer))
        await using (var snapshots = new SqliteSnapshotStore(DatabasePath, Serializer))
        {
            using var kit = new Kit(new ActorSystemSettings { Journal = journal, SnapshotStore = snapshots });
            var actor = kit.Sys.ActorOf(Props.Create(() => new Inventory("sandbox-1")), "inventory");
            actor.Tell(new Put("rootfs"), kit.TestActor);
            actor.Tell(new Put("volume"), kit.TestActor);
            actor.Tell("snapshot", kit.TestActor);
            kit.ExpectMsg("put rootfs@1");
            kit.ExpectMsg("put volume@2");
            kit.ExpectMsg("snapshot@2");
            actor.Tell(new Put("device"), kit.TestActor);
            kit.ExpectMsg("put device@3");
            await kit.Sys.Terminate();
        }

        await using (var reopened = new SqliteJournal(DatabasePath, Serializer))
        await using (var reopenedSnapshots = new SqliteSnapshotStore(DatabasePath, Serializer))
        {
            using var kit = new Kit(new ActorSystemSettings { Journal = reopened, SnapshotStore = reopenedSnapshots });
            var actor = kit.Sys.ActorOf(Props.Create(() => new Inventory("sandbox-1")), "inventory");

            actor.Tell("state", kit.TestActor);
            kit.ExpectMsg("rootfs,volume,device@3 (from snapshot 2)");
            actor.Tell(new Put("hot-added"), kit.TestActor);
            kit.ExpectMsg("put hot-added@4");
            await kit.Sys.Terminate();
        }
    }

    public void Dispose() => _directory.Dispose();

    private sealed record Put(string Item);

    private sealed class Kit(ActorSystemSettings settings) : Orchestrator.TestKit.TestKit(settings);

    private sealed class Inventory : ReceivePersistentActor
    {
        private readonly string _persistenceId;
        private ImmutableList<string> _items = [];
        private long _snapshotAt;
        private IActorRef _snapshotRequester = ActorRefs.Nobody;

        public Inventory(string persistenceId)
        {
            _persistenceId = persistenceId;
            Recover<SnapshotOffer>(offer =>
            {
                _items = ((ItemsSnapshot)offer.Snapshot).Items;
                _snapshotAt = offer.Metadata.SequenceNr;
            });
            Recover<ItemAdded>(added => _items = _items.Add(added.Item));
            Command<Put>(put => Persist(new ItemAdded(put.Item), added =>
            {
                _items = _items.Add(added.Item);
                Sender.Tell($"put {added.Item}@{LastSequenceNr}");
            }));
            Command<string>(s => s == "snapshot", _ =>
            {
                _snapshotRequester = Sender;
                SaveSnapshot(new ItemsSnapshot(_items));
            });
            Command<SaveSnapshotSuccess>(saved => _snapshotRequester.Tell($"snapshot@{saved.Metadata.SequenceNr}"));
            Command<string>(s => s == "state", _ => Sender.Tell($"{string.Join(",", _items)}@{LastSequenceNr} (from snapshot {_snapshotAt})"));
        }

        public override string PersistenceId => _persistenceId;
    }
}
