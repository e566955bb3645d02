namespace Orchestrator.Actors.Persistence.Sql;

/// <summary>
/// The journal cannot be used by this build: written by a newer release, holding an event type this
/// build does not know, missing a table, or not a database at all. Start-up stops with
/// <see cref="Exception.Message"/> as its one line rather than start on a journal it would
/// misread or overwrite.
/// </summary>
public sealed class JournalSchemaException : Exception
{
    /// <summary>Creates the exception; the message names the journal's location and the reason.</summary>
    public JournalSchemaException(string location, string reason, Exception? innerException = null)
        : base($"journal {location}: {reason}", innerException)
    {
        Location = location;
        Reason = reason;
    }

    /// <summary>The SQLite file, or host/database for PostgreSQL.</summary>
    public string Location { get; }

    /// <summary>Why the journal cannot be used.</summary>
    public string Reason { get; }

    /// <summary>
    /// There is no journal at <see cref="Location"/> at all (no file, no database, no tables), as opposed
    /// to one that cannot be read: a reader pointed at the wrong place, not a damaged journal.
    /// </summary>
    public bool Missing { get; init; }
}
