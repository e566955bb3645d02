namespace Orchestrator.Actors.Persistence.Sql;

// What the journal (FailpointSqlJournal) accepts besides Akka's own journal protocol.

/// <summary>
/// Deletes everything stored for <see cref="PersistenceIds"/>: their events (the highest sequence
/// number included), their tag rows and their snapshots. Only for histories that are retired for
/// good, whose persistence ids are never used again; answered with <see cref="HistoriesPurged"/> or
/// <see cref="HistoriesPurgeFailed"/>.
/// </summary>
public sealed record PurgeHistories(IReadOnlyList<string> PersistenceIds);

/// <summary>The histories are gone; <see cref="Rows"/> counts the journal, tag and snapshot rows deleted.</summary>
public sealed record HistoriesPurged(IReadOnlyList<string> PersistenceIds, int Rows);

/// <summary>Nothing was deleted (the purge runs in one transaction); <see cref="Error"/> says why.</summary>
public sealed record HistoriesPurgeFailed(IReadOnlyList<string> PersistenceIds, string Error);
