using System.Data.Common;

namespace Orchestrator.Actors.Persistence.Sql;

/// <summary>
/// What differs between SQLite and PostgreSQL in the schema upgrade and in offline reading: how a
/// connection is opened, how the upgrade excludes a second process, where the version is kept, and
/// the numbered steps. Everything else (<see cref="JournalSchemaUpgrade"/>, <see cref="JournalRows"/>)
/// is plain ADO.NET over both.
/// </summary>
internal abstract class JournalSchemaStore
{
    /// <summary>The tables every schema version from 1 on has.</summary>
    public static IReadOnlyList<string> RequiredTables { get; } = ["journal", "snapshot"];

    /// <summary>
    /// The first statements of the step onto Akka.Persistence.Sql, the same in both dialects.
    /// Akka.Persistence.Sql reads a snapshot's serializer from <c>serializer_id</c> and, for an
    /// event whose <c>identifier</c> is NULL, takes the manifest for a CLR type name; both get the
    /// serializer every earlier row was written with (the same JSON under the same manifests).
    /// </summary>
    protected static readonly string SerializerIdsOfStoredRows = $"""
        ALTER TABLE snapshot ADD COLUMN serializer_id INTEGER NULL;
        UPDATE snapshot SET serializer_id = {EventJsonSerializer.Id} WHERE serializer_id IS NULL;
        UPDATE journal SET identifier = {EventJsonSerializer.Id} WHERE identifier IS NULL;

        """;

    /// <summary>
    /// The manifests the lifecycle tag was introduced for (Events/LifecycleEvents), frozen here as the
    /// step that tags the rows journaled before it; <c>resource.undone.v1</c> is tagged only as a lazy
    /// detach. A manifest that becomes a lifecycle event later needs a step of its own.
    /// </summary>
    internal static readonly IReadOnlyList<string> LifecycleTagManifests =
    [
        "sandbox.create-requested.v1", "sandbox.ready.v1", "sandbox.create-failed.v1", "sandbox.destroy-started.v1", "sandbox.destroyed.v1",
        "container.create-requested.v1", "container.created.v1", "container.create-failed.v1", "container.teardown-started.v1", "container.teardown-completed.v1",
        "resource.undo-failed.v1", "resource.undo-refused.v1", "sandboxes.recovery-started.v1", "sandboxes.recovery-finished.v1",
    ];

    /// <summary>
    /// Tags the lifecycle events stored before the journal tagged them, so the event stream replays a
    /// journal's whole history, then gives the tag table the index the stream's query wants
    /// (<paramref name="indexes"/>): the query joins journal and tags on the ordering, filters one tag
    /// above an ordering and sorts by the journal's ordering. <paramref name="detached"/> is the
    /// dialect's test for a lazy detach in the JSON payload.
    /// </summary>
    protected static string LifecycleTagStep(string detached, string notDeleted, string insert, string onConflict, string indexes) => $"""
        {insert} INTO tags (ordering_id, tag, sequence_nr, persistence_id)
        SELECT ordering, 'lifecycle', sequence_number, persistence_id FROM journal
        WHERE {notDeleted}
          AND (manifest IN ({string.Join(", ", LifecycleTagManifests.Select(m => $"'{m}'"))})
               OR (manifest = 'resource.undone.v1' AND {detached}))
        {onConflict};
        {indexes}
        """;

    /// <summary><c>SQLite</c> or <c>PostgreSQL</c>, for messages.</summary>
    public abstract string Store { get; }

    /// <summary>The file, or host/database.</summary>
    public abstract string Location { get; }

    /// <summary>Every step, in order; a step is never edited after release.</summary>
    public abstract IReadOnlyList<SchemaMigration> Migrations { get; }

    public int LatestVersion => Migrations[^1].Version;

    /// <summary>Opens a connection; for the upgrade, <paramref name="create"/> allows a new database.</summary>
    public abstract Task<DbConnection> OpenAsync(bool create, CancellationToken ct);

    /// <summary>Starts the upgrade's transaction, holding whatever keeps a second process out until it commits.</summary>
    public abstract Task<DbTransaction> BeginUpgradeAsync(DbConnection connection, CancellationToken ct);

    /// <summary>The schema version; 0 for a database this project never touched.</summary>
    public abstract Task<int> ReadVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct);

    /// <summary>Records that <paramref name="migration"/> is applied, inside the upgrade's transaction.</summary>
    public abstract Task RecordVersionAsync(DbConnection connection, DbTransaction transaction, SchemaMigration migration, CancellationToken ct);

    /// <summary>The tables of <see cref="RequiredTables"/> the database has.</summary>
    public abstract Task<IReadOnlySet<string>> ExistingTablesAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct);

    /// <summary>The provider's own exceptions that mean "not a journal this build can open".</summary>
    public abstract bool IsUnreadable(Exception exception);

    /// <summary>Opens <paramref name="connection"/>, or disposes it when it cannot be opened.</summary>
    protected static async Task<DbConnection> OpenOrDisposeAsync(DbConnection connection, CancellationToken ct)
    {
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch (Exception)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The store for <paramref name="settings"/>.</summary>
    public static JournalSchemaStore For(JournalSettings settings) => settings.Provider == JournalProvider.Postgres
        ? new PostgresJournalSchema(settings)
        : new SqliteJournalSchema(settings);

    /// <summary>
    /// Opens a connection and checks the version is one this build reads: the offline reader's
    /// way in, which never migrates.
    /// </summary>
    public async Task<DbConnection> OpenForReadingAsync(CancellationToken ct)
    {
        var connection = await JournalSchemaUpgrade.ExplainAsync(this, () => OpenAsync(create: false, ct)).ConfigureAwait(false);
        try
        {
            await JournalSchemaUpgrade.ExplainAsync(this, async () =>
            {
                var version = await ReadVersionAsync(connection, null, ct).ConfigureAwait(false);
                JournalSchemaUpgrade.CheckVersion(this, version);
                var tables = await ExistingTablesAsync(connection, null, ct).ConfigureAwait(false);
                JournalSchemaUpgrade.CheckTables(this, version, tables);
                if (version == 0)
                {
                    // The upgrade would create the tables here; a reader must say that there is nothing
                    // instead of failing on its first query.
                    throw new JournalSchemaException(Location, "holds no journal (no schema version, no journal tables); the service creates them when it first starts with it") { Missing = true };
                }

                return version;
            }).ConfigureAwait(false);
            return connection;
        }
        catch (JournalSchemaException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
