using Npgsql;
using NpgsqlTypes;
using Orchestrator.Actors.Persistence.Storage;

namespace Orchestrator.Actors.Persistence.Postgres;

/// <summary>How one group of write operations becomes one PostgreSQL transaction.</summary>
public sealed partial class PostgresJournal
{
    private const string AtomicWriteSavepoint = "atomic_write";

    private const string InsertSql = """
        INSERT INTO journal (persistence_id, sequence_number, created, message, manifest, writer_uuid, deleted)
        SELECT p, s, c, m, f, w, FALSE FROM unnest($1, $2, $3, $4, $5, $6) WITH ORDINALITY AS t(p, s, c, m, f, w, n)
        ORDER BY n;
        """;

    /// <summary>
    /// Conflicts are rare (they mean a second writer exists), so the group is first sent as one
    /// batch in one transaction. When PostgreSQL reports a unique violation, the whole attempt is
    /// rolled back and the group is written again with a savepoint per atomic write, which finds
    /// the conflicting ones without relying on which batch statement the server blamed.
    /// </summary>
    private async Task CommitGroupAsync(IReadOnlyList<JournalWriteOperation> group)
    {
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using (var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false))
        {
            try
            {
                await WriteGroupAsync(connection, transaction, group, isolateWrites: false).ConfigureAwait(false);
                await transaction.CommitAsync().ConfigureAwait(false);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                await transaction.RollbackAsync().ConfigureAwait(false);
            }
        }

        await using (var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false))
        {
            await WriteGroupAsync(connection, transaction, group, isolateWrites: true).ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
        }
    }

    private async Task WriteGroupAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<JournalWriteOperation> group, bool isolateWrites)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var operation in group)
        {
            switch (operation)
            {
                case AppendOperation append:
                    for (var i = 0; i < append.Prepared.Writes.Length; i++)
                    {
                        if (append.Prepared.Writes[i] is not { } write)
                        {
                            continue;
                        }

                        if (isolateWrites)
                        {
                            await AppendIsolatedAsync(connection, transaction, write, append.Prepared, i).ConfigureAwait(false);
                        }
                        else
                        {
                            batch.BatchCommands.Add(CreateInsert(write));
                        }
                    }

                    break;
                case DeleteOperation delete when isolateWrites:
                    await using (var alone = new NpgsqlBatch(connection, transaction))
                    {
                        AddDelete(alone, delete);
                        await alone.ExecuteNonQueryAsync().ConfigureAwait(false);
                    }

                    break;
                case DeleteOperation delete:
                    // Batch order is execution order: appends queued before the delete run before it.
                    AddDelete(batch, delete);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown journal write operation {operation.GetType().Name}.");
            }
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One atomic write inside its own savepoint: a unique violation undoes it alone.</summary>
    private async Task AppendIsolatedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SerializedAtomicWrite write, PreparedWrites owner, int index)
    {
        await transaction.SaveAsync(AtomicWriteSavepoint).ConfigureAwait(false);
        try
        {
            await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { CreateInsert(write) } };
            await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync(AtomicWriteSavepoint).ConfigureAwait(false);
            owner.Results[index] = write.Conflict(ex);
            PersistenceLog.WriteConflict(_logger, StoreName, write.PersistenceId, write.LowestSequenceNr, write.HighestSequenceNr);
            return;
        }

        await transaction.ReleaseAsync(AtomicWriteSavepoint).ConfigureAwait(false);
    }

    private static NpgsqlBatchCommand CreateInsert(SerializedAtomicWrite write)
    {
        var events = write.Events;
        var command = new NpgsqlBatchCommand(InsertSql);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar, Value = events.Select(e => e.PersistenceId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = events.Select(e => e.SequenceNr).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = events.Select(e => e.CreatedTicks).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = events.Select(e => e.Message).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar, Value = events.Select(e => e.Manifest).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar, Value = events.Select(e => e.WriterUuid).ToArray() });
        return command;
    }

    /// <summary>
    /// Marks the rows deleted and removes all but the highest row of the id, so the highest
    /// sequence number survives any delete (Akka.Persistence.Sql does the same).
    /// </summary>
    private static void AddDelete(NpgsqlBatch batch, DeleteOperation delete)
    {
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "UPDATE journal SET deleted = TRUE WHERE persistence_id = $1 AND sequence_number <= $2 AND NOT deleted;")
        {
            Parameters = { new NpgsqlParameter { Value = delete.PersistenceId }, new NpgsqlParameter { Value = delete.ToSequenceNr } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            DELETE FROM journal
            WHERE persistence_id = $1 AND sequence_number <= $2 AND deleted
              AND sequence_number < (SELECT max(sequence_number) FROM journal WHERE persistence_id = $1);
            """)
        {
            Parameters = { new NpgsqlParameter { Value = delete.PersistenceId }, new NpgsqlParameter { Value = delete.ToSequenceNr } },
        });
    }
}
