namespace Orchestrator.Actors.Persistence.Sql;

/// <summary>Where the journal is kept.</summary>
public enum JournalProvider
{
    /// <summary>An embedded SQLite database at <c>&lt;StateDir&gt;/journal.db</c>.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database named by <c>Orchestrator:Journal:ConnectionString</c>.</summary>
    Postgres,
}
