using System.Data.Common;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Persistence.Serialization;

namespace Orchestrator.Actors.Persistence.Sql;

/// <summary>
/// Brings a journal to this build's schema before the actor system starts, once: a new database
/// gets every step, one written by an earlier release the steps it lacks (the move onto
/// Akka.Persistence.Sql added the snapshot serializer id, the tags table and the serializer id of
/// stored rows), and a current one nothing. It then proves every stored row is readable. Whatever
/// this build cannot read stops start-up with a <see cref="JournalSchemaException"/> and touches
/// nothing: the steps and the version marker commit together or not at all.
/// </summary>
internal static class JournalSchemaUpgrade
{
    public static Task RunAsync(JournalSchemaStore store, EventManifestRegistry registry, ILogger log, CancellationToken ct) =>
        ExplainAsync(store, async () =>
        {
            await using var connection = await store.OpenAsync(create: true, ct).ConfigureAwait(false);
            await using var transaction = await store.BeginUpgradeAsync(connection, ct).ConfigureAwait(false);
            var from = await store.ReadVersionAsync(connection, transaction, ct).ConfigureAwait(false);
            CheckVersion(store, from);
            CheckTables(store, from, await store.ExistingTablesAsync(connection, transaction, ct).ConfigureAwait(false));

            long touched = 0;
            foreach (var migration in store.Migrations.Where(m => m.Version > from))
            {
                await using (var step = connection.CreateCommand())
                {
                    step.Transaction = transaction;
                    step.CommandText = migration.Sql;
                    touched += Math.Max(0, await step.ExecuteNonQueryAsync(ct).ConfigureAwait(false));
                }

                await store.RecordVersionAsync(connection, transaction, migration, ct).ConfigureAwait(false);
                JournalSchemaLog.StepApplied(log, store.Store, store.Location, migration.Version, migration.Description);
            }

            await CheckRowsAsync(store, connection, transaction, registry, ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            if (from == store.LatestVersion)
            {
                JournalSchemaLog.Current(log, store.Store, store.Location, from);
            }
            else
            {
                JournalSchemaLog.Upgraded(log, store.Store, store.Location, from, store.LatestVersion, touched, EventJsonSerializer.Id);
            }

            return from;
        });

    /// <summary>A version above this build's is a journal a newer release wrote: it may hold what this build would misread.</summary>
    public static void CheckVersion(JournalSchemaStore store, int version)
    {
        if (version > store.LatestVersion)
        {
            throw new JournalSchemaException(store.Location,
                $"schema version {version} was written by a newer release; this build reads up to version {store.LatestVersion}");
        }
    }

    /// <summary>Tables must exist exactly when a version says they do: never recreate lost tables as empty ones.</summary>
    public static void CheckTables(JournalSchemaStore store, int version, IReadOnlySet<string> existing)
    {
        if (version == 0 && existing.Count > 0)
        {
            throw new JournalSchemaException(store.Location,
                $"has table {string.Join(", ", existing.Order(StringComparer.Ordinal))} but no schema version; it was not created by this project, refusing to guess its layout");
        }

        var missing = JournalSchemaStore.RequiredTables.Where(t => !existing.Contains(t)).ToList();
        if (version > 0 && missing.Count > 0)
        {
            throw new JournalSchemaException(store.Location, $"table {string.Join(", ", missing)} missing at schema version {version}");
        }
    }

    /// <summary>Turns the provider's own failures (not a database, cannot connect) into the one-line error.</summary>
    public static async Task<T> ExplainAsync<T>(JournalSchemaStore store, Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (store.IsUnreadable(ex))
        {
            throw new JournalSchemaException(store.Location, $"cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Every manifest stored must name a type this build knows, and every row the serializer it
    /// reads with: a row written by a newer release would otherwise fail the recovery of one actor
    /// after start-up, or be skipped.
    /// </summary>
    private static async Task CheckRowsAsync(JournalSchemaStore store, DbConnection connection, DbTransaction transaction, EventManifestRegistry registry, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT DISTINCT manifest, identifier FROM journal
            UNION
            SELECT DISTINCT manifest, serializer_id FROM snapshot
            """;
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var manifest = reader.GetString(0);
            if (!registry.TryGetType(manifest, out _))
            {
                throw new JournalSchemaException(store.Location,
                    $"holds events stored under manifest '{manifest}', which this build does not know (written by a newer release?)");
            }

            var serializerId = reader.IsDBNull(1) ? (int?)null : reader.GetInt32(1);
            if (serializerId != EventJsonSerializer.Id)
            {
                throw new JournalSchemaException(store.Location,
                    $"holds rows of manifest '{manifest}' stored by serializer {serializerId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}; this build reads serializer {EventJsonSerializer.Id} only");
            }
        }
    }
}
