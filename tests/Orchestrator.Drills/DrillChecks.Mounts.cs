using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Actors.Resources;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.TestKit.Processes;

namespace Orchestrator.Drills;

internal static partial class DrillChecks
{
    /// <summary>Every registered sandbox folded from the journal, as recovery folds it.</summary>
    public static async Task<IReadOnlyList<SandboxJournalView>> ReadViewsAsync(JournalRows journal)
    {
        var views = new List<SandboxJournalView>();
        foreach (var id in (await SandboxJournalReader.RegisteredAsync(journal).ConfigureAwait(false)).Keys)
        {
            views.Add(await SandboxJournalReader.ReadAsync(journal, id).ConfigureAwait(false)
                ?? throw new DrillException($"sandbox {id} is registered but has no journal"));
        }

        return views;
    }

    /// <summary>
    /// Check 2: every mount the journal says is in place is in the namespace's mount table, and
    /// every mount under the run dir is one the journal says may be in place (an intent without an
    /// outcome counts: the call may have happened). A bind under <c>mounts/</c> shows twice, once
    /// more through the slave copy in <c>shared/</c>. Mounting the same point twice is a leak.
    /// The same holds for loop devices and for nydusd's rafs instances. Loop devices are attached
    /// with autoclear and the dead server held them, so before recovery a missing one is expected.
    /// </summary>
    public static IReadOnlyList<string> MountsMatchJournal(IReadOnlyList<SandboxJournalView> views, DrillEnvironment environment, bool recovered)
    {
        var may = new HashSet<string>(StringComparer.Ordinal);
        var must = new HashSet<string>(StringComparer.Ordinal);
        var staging = new List<string>();
        var (loopsMay, loopsMust) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        var (nydusMay, nydusMust) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        foreach (var view in views)
        {
            var layout = new SandboxLayout(environment.RunDir, view.SandboxId);
            staging.Add(layout.Private);
            var sharedActive = view.Sandbox.Ledger.Find("shared-bind")?.Status == ResourceStatus.Active;
            foreach (var r in view.Sandbox.Ledger.Resources.Concat(view.Containers.Values.SelectMany(c => c.Resources)))
            {
                var mayExist = r.MayExist || r.Status == ResourceStatus.Refused;
                var active = r.Status == ResourceStatus.Active;
                switch (r.Kind)
                {
                    case ResourceKind.Bind:
                        var underMounts = r.Target.StartsWith(layout.Mounts + "/", StringComparison.Ordinal);
                        Add(may, mayExist, r.Target, underMounts ? layout.SharedView(r.Target) : null);
                        Add(must, active, r.Target, underMounts && sharedActive ? layout.SharedView(r.Target) : null);
                        break;
                    case ResourceKind.Loop:
                        Add(loopsMay, mayExist, r.Target, null);
                        Add(loopsMust, active && recovered, r.Target, null);
                        break;
                    case ResourceKind.Nydus:
                        Add(nydusMay, mayExist, r.Target, null);
                        Add(nydusMust, active, r.Target, null);
                        break;
                }
            }
        }

        var problems = new List<string>();
        var mounted = environment.Keeper.MountPointsUnder(environment.RunDir);
        problems.AddRange(mounted.GroupBy(m => m, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"{g.Key} is mounted {g.Count()} times"));

        // A read-only bind is staged under private/ inside one native call; one a kill cut short is
        // swept when the sandbox is destroyed (check 3 proves it is).
        problems.AddRange(mounted.Distinct(StringComparer.Ordinal)
            .Where(m => !may.Contains(m) && !staging.Any(p => m.StartsWith(p + "/", StringComparison.Ordinal)))
            .Select(m => $"{m} is mounted but the journal does not say it may be"));
        problems.AddRange(must.Where(m => !mounted.Contains(m)).Select(m => $"the journal says {m} is mounted but it is not"));
        var loops = LoopDeviceScan.BackedUnder(environment.Scratch).Select(l => l.BackingFile).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(loops.Where(l => !loopsMay.Contains(l)).Select(l => $"a loop device is attached to {l} but the journal does not say it may be"));
        problems.AddRange(loopsMust.Where(l => !loops.Contains(l)).Select(l => $"the journal says a loop device is attached to {l} but none is"));
        var rafs = environment.Nydusd.Mounts.Keys.ToHashSet(StringComparer.Ordinal);
        problems.AddRange(rafs.Where(m => !nydusMay.Contains(m)).Select(m => $"nydusd serves {m} but the journal does not say it may"));
        problems.AddRange(nydusMust.Where(m => !rafs.Contains(m)).Select(m => $"the journal says nydusd serves {m} but it does not"));
        return problems;
    }

    private static void Add(HashSet<string> set, bool when, string path, string? alsoPath)
    {
        if (!when)
        {
            return;
        }

        set.Add(path);
        if (alsoPath is not null)
        {
            set.Add(alsoPath);
        }
    }
}
