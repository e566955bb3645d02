using System.Text.Json;
using Orchestrator.Actors.Persistence.Sql;

namespace Orchestrator.Drills;

/// <summary>
/// Every persistence id's events as stored (sequence number, manifest and payload as JSON), read by
/// replaying each from the start: taking one proves the journal replays without error. The
/// histories of destroyed sandboxes and removed containers are deleted once retired (the drills
/// retain them for 0 s), so an id may be missing from a later snapshot: that is retention, not loss.
/// </summary>
internal sealed record JournalSnapshot(IReadOnlyDictionary<string, JournalSnapshot.History> Histories)
{
    public static async Task<JournalSnapshot> TakeAsync(JournalRows journal)
    {
        var histories = new SortedDictionary<string, History>(StringComparer.Ordinal);
        foreach (var id in await journal.PersistenceIdsAsync().ConfigureAwait(false))
        {
            var events = (await journal.EventsAsync(id).ConfigureAwait(false))
                .Select(e => (e.SequenceNr, e.Manifest + " " + JsonSerializer.Serialize(e.Payload, e.Payload.GetType())))
                .ToList();
            var highest = await journal.HighestSequenceNrAsync(id).ConfigureAwait(false);
            if (highest == 0)
            {
                // Deleted between the listing and this read (the running server purged a retired
                // history): as good as not listed.
                continue;
            }

            histories[id] = new History(highest, events);
        }

        return new JournalSnapshot(histories);
    }

    /// <summary>
    /// Check 4: every history replays as one contiguous run ending at its highest sequence number,
    /// and against <paramref name="before"/> (taken before the restart) no highest sequence number
    /// went down and no stored event changed: a sequence number was never written twice. A history
    /// deleted since <paramref name="before"/> is not compared (its id is never used again: sandbox
    /// and container ids carry incarnations, and a deleted id coming back would show up here as a
    /// highest sequence number gone down); the manager's history may start after its snapshot, its
    /// earlier events deleted, but still runs contiguously to its highest sequence number.
    /// </summary>
    public IReadOnlyList<string> Problems(JournalSnapshot? before)
    {
        var problems = new List<string>();
        foreach (var (id, history) in Histories)
        {
            for (var i = 1; i < history.Events.Count; i++)
            {
                if (history.Events[i].SequenceNr != history.Events[i - 1].SequenceNr + 1)
                {
                    problems.Add($"{id} replays {history.Events[i - 1].SequenceNr} then {history.Events[i].SequenceNr}");
                }
            }

            if (history.Events.Count > 0 && history.Events[^1].SequenceNr != history.Highest)
            {
                problems.Add($"{id} replays up to {history.Events[^1].SequenceNr} but its highest sequence number is {history.Highest}");
            }
        }

        foreach (var (id, old) in before?.Histories ?? new Dictionary<string, History>())
        {
            if (!Histories.TryGetValue(id, out var now))
            {
                continue;
            }

            if (now.Highest < old.Highest)
            {
                problems.Add($"{id}: highest sequence number went down from {old.Highest} to {now.Highest}");
            }

            var stored = now.Events.ToDictionary(e => e.SequenceNr, e => e.Event);
            problems.AddRange(old.Events.Where(e => stored.TryGetValue(e.SequenceNr, out var again) && again != e.Event)
                .Select(e => $"{id}: event {e.SequenceNr} was rewritten"));
        }

        return problems;
    }

    public sealed record History(long Highest, IReadOnlyList<(long SequenceNr, string Event)> Events);
}
