using Akka.Configuration;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Events;
using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Actors.Persistence.Sql;

/// <summary>
/// The journal settings the event stream depends on, for both the hosted and the direct setup:
/// the write adapter that tags lifecycle events, and how Akka.Persistence.Sql's read journal polls.
/// </summary>
internal static class LifecycleQueryConfig
{
    /// <summary>
    /// Rows per query of the read journal: a live query hands a whole page to the event feed at
    /// once, so a client's buffer must hold at least a page (<c>Orchestrator:Events:BufferSize</c>).
    /// </summary>
    public const int PageSize = 256;

    /// <summary>How often an idle tag query asks the database again: the stream's latency, with the query delay.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the read journal's sequence actor looks for newly committed orderings.</summary>
    public static readonly TimeSpan QueryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Query rounds a missing ordering is waited for before the read journal skips it. The read
    /// journal only hands out events up to the highest ordering below which every row is committed
    /// or given up, so a row committed after a higher one is still delivered in order. SQLite has
    /// one writer and rolls its AUTOINCREMENT counter back with a failed batch: its orderings commit
    /// in order and a gap is a deleted history, so one second is enough (it also bounds how long
    /// a first subscriber after a restart waits when retention left gaps). PostgreSQL hands identity
    /// values to concurrent batches (parallelism 3) that may commit out of order, and a failed batch
    /// burns its values: ten seconds for a batch to commit before its rows are skipped by live readers.
    /// </summary>
    public static int MaxTries(JournalProvider provider) => provider == JournalProvider.Postgres ? 100 : 10;

    public static Config For(JournalSettings settings)
    {
        var bindings = string.Join("\n", new[] { typeof(IContainerEvent), typeof(ISandboxEvent), typeof(ISandboxManagerEvent) }
            .Select(t => $"    \"{Qualified(t)}\" = lifecycle"));
        return ConfigurationFactory.ParseString($$"""
            {{JournalPersistence.JournalPluginId}} {
              event-adapters {
                lifecycle = "{{Qualified(typeof(LifecycleTagger))}}"
              }
              event-adapter-bindings {
            {{bindings}}
              }
            }
            {{JournalPersistence.QueryPluginId}} {
              refresh-interval = {{RefreshInterval.TotalMilliseconds}}ms
              max-buffer-size = {{PageSize}}
              journal-sequence-retrieval {
                query-delay = {{QueryDelay.TotalMilliseconds}}ms
                max-tries = {{MaxTries(settings.Provider)}}
              }
            }
            """);
    }

    private static string Qualified(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
