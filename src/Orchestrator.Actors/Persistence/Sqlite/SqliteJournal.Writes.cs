using Microsoft.Data.Sqlite;
using Orchestrator.Actors.Persistence.Storage;

namespace Orchestrator.Actors.Persistence.Sqlite;

/// <summary>The single writer: its connection, and how one group becomes one transaction.</summary>
public sealed partial class SqliteJournal
{
    // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY (extended result codes).
    private const int ConstraintUnique = 2067;
    private const int ConstraintPrimaryKey = 1555;
    private const string AtomicWriteSavepoint = "atomic_write";

    private SqliteConnection? _writerConnection;
    private SqliteCommand? _insert;
    private SqliteCommand? _markDeleted;
    private SqliteCommand? _removeDeleted;

    private async Task InitializeCoreAsync()
    {
        await _database.EnsureMigratedAsync(CancellationToken.None).ConfigureAwait(false);
        lock (_disposeGate)
        {
            ThrowIfDisposed();
            if (_writerConnection is null)
            {
                OpenWriterConnection();
                _writer.Start();
                PersistenceLog.Opened(_logger, StoreName, _database.Path);
            }
        }
    }

    private void OpenWriterConnection()
    {
        var connection = _database.OpenConnection();
        _insert = connection.CreateCommand();
        _insert.CommandText = """
            INSERT INTO journal (persistence_id, sequence_number, created, message, manifest, writer_uuid, deleted, identifier)
            VALUES ($persistenceId, $sequenceNr, $created, $message, $manifest, $writerUuid, 0, NULL);
            """;
        _insert.Parameters.Add("$persistenceId", SqliteType.Text);
        _insert.Parameters.Add("$sequenceNr", SqliteType.Integer);
        _insert.Parameters.Add("$created", SqliteType.Integer);
        _insert.Parameters.Add("$message", SqliteType.Blob);
        _insert.Parameters.Add("$manifest", SqliteType.Text);
        _insert.Parameters.Add("$writerUuid", SqliteType.Text);

        _markDeleted = connection.CreateCommand();
        _markDeleted.CommandText = """
            UPDATE journal SET deleted = 1
            WHERE persistence_id = $persistenceId AND sequence_number <= $to AND deleted = 0;
            """;
        _markDeleted.Parameters.Add("$persistenceId", SqliteType.Text);
        _markDeleted.Parameters.Add("$to", SqliteType.Integer);

        // Keeps the highest row of the id, deleted or not, so the highest sequence number
        // survives any delete (Akka.Persistence.Sql does the same).
        _removeDeleted = connection.CreateCommand();
        _removeDeleted.CommandText = """
            DELETE FROM journal
            WHERE persistence_id = $persistenceId AND sequence_number <= $to AND deleted = 1
              AND sequence_number < (SELECT max(sequence_number) FROM journal WHERE persistence_id = $persistenceId);
            """;
        _removeDeleted.Parameters.Add("$persistenceId", SqliteType.Text);
        _removeDeleted.Parameters.Add("$to", SqliteType.Integer);

        _writerConnection = connection;
    }

    private void CloseWriterConnection()
    {
        _insert?.Dispose();
        _markDeleted?.Dispose();
        _removeDeleted?.Dispose();
        _writerConnection?.Dispose();
        _writerConnection = null;
    }

    /// <summary>
    /// One group, one transaction. Each atomic write runs inside its own savepoint, so a write
    /// that hits the unique constraint is undone alone and only its caller hears about it.
    /// Any other error escapes and fails the whole group.
    /// </summary>
    private Task CommitGroupAsync(IReadOnlyList<JournalWriteOperation> group)
    {
        var connection = _writerConnection ?? throw new InvalidOperationException("The SQLite journal writer has no connection.");
        using var transaction = connection.BeginTransaction(deferred: false);
        foreach (var operation in group)
        {
            switch (operation)
            {
                case AppendOperation append:
                    Append(append.Prepared, transaction);
                    break;
                case DeleteOperation delete:
                    Delete(delete, transaction);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown journal write operation {operation.GetType().Name}.");
            }
        }

        transaction.Commit();
        return Task.CompletedTask;
    }

    private void Append(PreparedWrites prepared, SqliteTransaction transaction)
    {
        var insert = _insert!;
        insert.Transaction = transaction;
        for (var i = 0; i < prepared.Writes.Length; i++)
        {
            var write = prepared.Writes[i];
            if (write is null)
            {
                continue;
            }

            transaction.Save(AtomicWriteSavepoint);
            try
            {
                foreach (var row in write.Events)
                {
                    insert.Parameters[0].Value = row.PersistenceId;
                    insert.Parameters[1].Value = row.SequenceNr;
                    insert.Parameters[2].Value = row.CreatedTicks;
                    insert.Parameters[3].Value = row.Message;
                    insert.Parameters[4].Value = row.Manifest;
                    insert.Parameters[5].Value = row.WriterUuid;
                    insert.ExecuteNonQuery();
                }
            }
            catch (SqliteException ex) when (ex.SqliteExtendedErrorCode is ConstraintUnique or ConstraintPrimaryKey)
            {
                transaction.Rollback(AtomicWriteSavepoint);
                transaction.Release(AtomicWriteSavepoint);
                prepared.Results[i] = write.Conflict(ex);
                PersistenceLog.WriteConflict(_logger, StoreName, write.PersistenceId, write.LowestSequenceNr, write.HighestSequenceNr);
                continue;
            }

            transaction.Release(AtomicWriteSavepoint);
        }
    }

    private void Delete(DeleteOperation delete, SqliteTransaction transaction)
    {
        foreach (var command in new[] { _markDeleted!, _removeDeleted! })
        {
            command.Transaction = transaction;
            command.Parameters[0].Value = delete.PersistenceId;
            command.Parameters[1].Value = delete.ToSequenceNr;
            command.ExecuteNonQuery();
        }
    }
}
