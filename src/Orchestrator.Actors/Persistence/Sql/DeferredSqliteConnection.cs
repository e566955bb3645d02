using System.Data;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Actors.Persistence.Sql;

/// <summary>
/// The read journal's SQLite connection. Microsoft.Data.Sqlite starts every transaction it is asked
/// for with an isolation level as <c>BEGIN IMMEDIATE</c>, which takes the database's write lock;
/// Akka.Persistence.Sql wraps each query in such a transaction, so every poll of the event stream
/// would queue behind the journal's writes and make them wait, and two readers colliding wait out
/// the provider's busy retry (measured: 50,000 events caught up at about 200 a second, 2.3 ms of
/// CPU each). A deferred <c>BEGIN</c> reads a snapshot beside the writer, as WAL allows.
/// </summary>
internal sealed class DeferredSqliteConnection(string connectionString) : SqliteConnection(connectionString)
{
    public override SqliteTransaction BeginTransaction(IsolationLevel isolationLevel) => BeginTransaction(isolationLevel, deferred: true);
}
