using System.Data.Common;
using LinqToDB.Interceptors;

namespace Orchestrator.Actors.Persistence.Sql;

/// <summary>
/// Brings back group commit on SQLite and makes every connection write durably.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite's async methods complete synchronously, so Akka.Persistence.Sql's write
/// stream never sees a pending write: it takes one row, writes it in its own transaction, and only
/// then looks at the queue again, one fsync per event. Yielding once after a connection opens
/// hands the thread back while the batch is being written, the queue fills behind it, and with
/// <c>parallelism = 1</c> the next write takes everything queued as one multi-row insert in one
/// transaction. <c>synchronous</c> is per connection; FULL makes a WAL commit reach the disk
/// before it returns (this SQLite build defaults to it in WAL mode, but the journal's promise of
/// durability should not rest on a build default).
/// </remarks>
public sealed class SqliteGroupCommitInterceptor : ConnectionInterceptor
{
    /// <summary>The one instance; it holds no state.</summary>
    public static SqliteGroupCommitInterceptor Instance { get; } = new();

    private SqliteGroupCommitInterceptor()
    {
    }

    /// <inheritdoc />
    public override void ConnectionOpened(ConnectionEventData eventData, DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        SetSynchronousFull(connection);
    }

    /// <inheritdoc />
    public override async Task ConnectionOpenedAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        SetSynchronousFull(connection);
        await Task.Yield();
    }

    private static void SetSynchronousFull(DbConnection connection)
    {
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = FULL;";
        pragma.ExecuteNonQuery();
    }
}
