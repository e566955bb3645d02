using Akka.Actor;
using Akka.Persistence;

namespace Orchestrator.Tests.Persistence.Sql;

/// <summary>
/// A persistent actor the journal tests drive: <see cref="Add"/> persists one event and answers
/// with the value once it is durable; <see cref="Read"/> answers with every value, in order.
/// </summary>
public sealed class CounterActor : ReceivePersistentActor
{
    private readonly List<int> _values = [];
    private IActorRef _snapshotRequester = ActorRefs.Nobody;

    public CounterActor(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<Counted>(e => _values.Add(e.Value));
        Recover<SnapshotOffer>(offer => _values.AddRange(((CounterSnapshot)offer.Snapshot).Values));
        Command<Add>(add => Persist(new Counted(add.Value), e =>
        {
            _values.Add(e.Value);
            Sender.Tell(new Added(e.Value));
        }));
        Command<Read>(_ => Sender.Tell(new Values([.. _values])));
        Command<TakeSnapshot>(_ =>
        {
            _snapshotRequester = Sender;
            SaveSnapshot(new CounterSnapshot([.. _values]));
        });
        Command<SaveSnapshotSuccess>(success => _snapshotRequester.Tell(success));
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new CounterActor(persistenceId));

    public sealed record Add(int Value);

    public sealed record Added(int Value);

    public sealed record Read;

    public sealed record Values(IReadOnlyList<int> All);

    public sealed record TakeSnapshot;
}
