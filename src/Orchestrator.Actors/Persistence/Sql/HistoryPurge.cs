using System.Data.Common;

namespace Orchestrator.Actors.Persistence.Sql;

/// <summary>
/// The SQL behind <see cref="PurgeHistories"/>, the same on SQLite and PostgreSQL. Akka.Persistence.Sql's
/// own delete (<c>DeleteMessagesTo</c>) marks rows deleted and keeps the highest one, so that a live
/// actor never reuses a sequence number; it deletes tag rows but leaves snapshots to the snapshot
/// store. For a retired history nothing may stay: its persistence id is never used again (a
/// sandbox's carries the manager's sequence number, a container's its sandbox's), so the kept row
/// would only make the journal grow with every sandbox ever created.
/// </summary>
internal static class HistoryPurge
{
    private static readonly string[] Statements =
    [
        "DELETE FROM tags WHERE persistence_id = @persistenceId",
        "DELETE FROM journal WHERE persistence_id = @persistenceId",
        "DELETE FROM snapshot WHERE persistence_id = @persistenceId",
    ];

    /// <summary>Deletes every row of <paramref name="persistenceIds"/> in one transaction; returns how many.</summary>
    public static async Task<int> RunAsync(Func<DbConnection> connect, IReadOnlyList<string> persistenceIds, CancellationToken ct)
    {
        var connection = connect();
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var rows = 0;
                foreach (var persistenceId in persistenceIds)
                {
                    foreach (var sql in Statements)
                    {
                        var command = connection.CreateCommand();
                        await using (command.ConfigureAwait(false))
                        {
                            command.Transaction = transaction;
                            command.CommandText = sql;
                            var parameter = command.CreateParameter();
                            parameter.ParameterName = "persistenceId";
                            parameter.Value = persistenceId;
                            command.Parameters.Add(parameter);
                            rows += await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                        }
                    }
                }

                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return rows;
            }
        }
    }
}
