using Npgsql;
using NpgsqlTypes;
using Orchestrator.Actors.Persistence.Storage;

namespace Orchestrator.Actors.Persistence.Postgres;

/// <summary>How one group of write operations becomes one PostgreSQL transaction.</summary>
public sealed partial class PostgresJournal
{
    private const string InsertSql = """
        INSERT INTO journal (persistence_id, sequence_number, created, message, manifest, writer_uuid, deleted)
        SELECT p, s, c, m, f, w, FALSE FROM unnest($1, $2, $3, $4, $5, $6) WITH ORDINALITY AS t(p, s, c, m, f, w, n)
        ORDER BY n;
        """;

    private async Task CommitGroupAsync(IReadOnlyList<JournalWriteOperation> group)
    {
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        var pending = new List<(SerializedAtomicWrite Write, PreparedWrites Owner, int Index)>();
        foreach (var operation in group)
        {
            switch (operation)
            {
                case AppendOperation append:
                    for (var i = 0; i < append.Prepared.Writes.Length; i++)
                    {
                        if (append.Prepared.Writes[i] is { } write)
                        {
                            pending.Add((write, append.Prepared, i));
                        }
                    }

                    break;
                case DeleteOperation delete:
                    // Appends queued before the delete are written before it.
                    await AppendAsync(connection, transaction, pending).ConfigureAwait(false);
                    pending.Clear();
                    await DeleteAsync(connection, transaction, delete).ConfigureAwait(false);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown journal write operation {operation.GetType().Name}.");
            }
        }

        await AppendAsync(connection, transaction, pending).ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Sends every atomic write in one batch, each inside its own savepoint. When one violates the
    /// unique constraint, PostgreSQL stops the batch there: that write is rolled back to its
    /// savepoint and rejected, and the batch resumes with the writes after it.
    /// </summary>
    private async Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<(SerializedAtomicWrite Write, PreparedWrites Owner, int Index)> pending)
    {
        var start = 0;
        while (start < pending.Count)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            var owners = new List<int>();
            for (var k = start; k < pending.Count; k++)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SAVEPOINT atomic_write;"));
                batch.BatchCommands.Add(CreateInsert(pending[k].Write));
                batch.BatchCommands.Add(new NpgsqlBatchCommand("RELEASE SAVEPOINT atomic_write;"));
                owners.AddRange([k, k, k]);
            }

            try
            {
                await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.BatchCommand is not null)
            {
                var failed = owners[batch.BatchCommands.IndexOf(ex.BatchCommand)];
                await using (var rollback = new NpgsqlCommand("ROLLBACK TO SAVEPOINT atomic_write; RELEASE SAVEPOINT atomic_write;", connection, transaction))
                {
                    await rollback.ExecuteNonQueryAsync().ConfigureAwait(false);
                }

                var (write, owner, index) = pending[failed];
                owner.Results[index] = write.Conflict(ex);
                PersistenceLog.WriteConflict(_logger, StoreName, write.PersistenceId, write.LowestSequenceNr, write.HighestSequenceNr);
                start = failed + 1;
            }
        }
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

    private static async Task DeleteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DeleteOperation delete)
    {
        // Keeps the highest row of the id, deleted or not, so the highest sequence number
        // survives any delete (Akka.Persistence.Sql does the same).
        await using var command = new NpgsqlCommand(
            """
            UPDATE journal SET deleted = TRUE WHERE persistence_id = @persistenceId AND sequence_number <= @to AND NOT deleted;
            DELETE FROM journal
            WHERE persistence_id = @persistenceId AND sequence_number <= @to AND deleted
              AND sequence_number < (SELECT max(sequence_number) FROM journal WHERE persistence_id = @persistenceId);
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter("persistenceId", delete.PersistenceId));
        command.Parameters.Add(new NpgsqlParameter("to", delete.ToSequenceNr));
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
