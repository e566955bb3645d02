using Akka.Actor;
using Akka.Persistence;
using Orchestrator.Actors.Persistence.Sql;

namespace Orchestrator.Tests.Persistence.Sql;

/// <summary>
/// Recovers any persistence id the way the tree's actors do and reports what it replayed as
/// "sequence manifest json" lines; <see cref="Append"/> persists one more event after them.
/// </summary>
public sealed class HistoryActor : ReceivePersistentActor
{
    private readonly List<string> _replayed = [];

    public HistoryActor(string persistenceId)
    {
        PersistenceId = persistenceId;
        var serializer = (EventJsonSerializer)Context.System.Serialization.FindSerializerForType(typeof(Orchestrator.Actors.Sandboxes.SandboxReady));
        Recover<RecoveryCompleted>(_ => { });
        Recover<object>(e => _replayed.Add(Line(serializer, LastSequenceNr, e)));
        Command<Read>(_ => Sender.Tell(_replayed.ToArray()));
        Command<Append>(append => Persist(append.Event, _ => Sender.Tell(LastSequenceNr)));
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new HistoryActor(persistenceId));

    /// <summary>The line a replayed or stored event is compared by.</summary>
    public static string Line(EventJsonSerializer serializer, long sequenceNr, object payload) =>
        $"{sequenceNr} {serializer.Manifest(payload)} {System.Text.Encoding.UTF8.GetString(serializer.ToBinary(payload))}";

    public sealed record Read;

    public sealed record Append(object Event);
}
