using System.Collections.Concurrent;
using System.Data.Common;
using Akka;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Actors.Events;

/// <summary>
/// The lifecycle events as Akka.Persistence.Sql's read journal serves them: the tag query from a
/// position, live or up to now, and the few lookups a reader of rows needs (the journal's head,
/// the ids of a container journaled under an id from before <see cref="ContainerAddedV2"/>).
/// One per actor system: the read journal it wraps owns the system's sequence actor.
/// </summary>
public sealed class LifecycleJournal
{
    private readonly SqlReadJournal _reads;
    private readonly Func<DbConnection>? _connect;
    private readonly IMaterializer _materializer;
    private readonly ConcurrentDictionary<string, JournalOwner> _legacyOwners = new(StringComparer.Ordinal);

    private LifecycleJournal(ActorSystem system)
    {
        // Blocks until the write journal answers that it has started (the read journal's own check).
        _reads = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(JournalPersistence.QueryPluginId);
        _connect = PluginConnections.For(system.Settings.Config.GetConfig(JournalPersistence.QueryPluginId));
        _materializer = system.Materializer(namePrefix: "lifecycle-journal");
    }

    /// <summary>The most events one query hands over at once; a live reader's buffer must hold that many.</summary>
    public const int PageSize = LifecycleQueryConfig.PageSize;

    /// <summary>The materializer the journal's streams run on.</summary>
    public IMaterializer Materializer => _materializer;

    /// <summary>Opens the read side of <paramref name="system"/>'s journal; blocks up to a few seconds, so not on a request thread.</summary>
    public static Task<LifecycleJournal> OpenAsync(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Task.Run(() => new LifecycleJournal(system));
    }

    /// <summary>Every lifecycle event after <paramref name="position"/>, in position order, then each new one as it is committed; never completes.</summary>
    public Source<EventEnvelope, NotUsed> Live(long position) => _reads.EventsByTag(LifecycleEvents.Tag, Offset.Sequence(position));

    /// <summary>Every lifecycle event after <paramref name="position"/> up to the journal's head when it starts, then completes.</summary>
    public Source<EventEnvelope, NotUsed> Current(long position) => _reads.CurrentEventsByTag(LifecycleEvents.Tag, Offset.Sequence(position));

    /// <summary>The highest position written so far (committed or not), 0 for an empty journal.</summary>
    public async Task<long> HeadAsync(CancellationToken ct)
    {
        if (_connect is null)
        {
            throw new InvalidOperationException($"{JournalPersistence.QueryPluginId} names no provider this build reads directly");
        }

        await using var connection = _connect();
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(ordering), 0) FROM journal;";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Whose history <paramref name="persistenceId"/> is. An ambiguous id from before
    /// <see cref="ContainerAddedV2"/> is settled by the container's first event, which names both
    /// ids, and remembered; when that event is gone the first split stands.
    /// </summary>
    public async Task<JournalOwner?> OwnerAsync(string persistenceId, CancellationToken ct)
    {
        var owner = JournalOwner.Parse(persistenceId);
        if (owner is not { Ambiguous: true })
        {
            return owner;
        }

        if (_legacyOwners.TryGetValue(persistenceId, out var known))
        {
            return known;
        }

        var first = await _reads.CurrentEventsByPersistenceId(persistenceId, 1, 1)
            .RunWith(Sink.FirstOrDefault<EventEnvelope>(), _materializer)
            .WaitAsync(ct)
            .ConfigureAwait(false);
        var settled = first?.Event is ContainerCreateRequested created
            ? new JournalOwner(created.SandboxId, created.Spec.Id)
            : owner;
        return _legacyOwners.GetOrAdd(persistenceId, settled);
    }
}
