using System.Diagnostics;
using Orchestrator.TestKit.Processes;

namespace Orchestrator.Drills;

internal static partial class DrillRunner
{
    /// <summary>
    /// After the crash: reads the journal (it must replay; what it says may exist must match the
    /// kernel), restarts the server in the same namespace without failpoints, waits for recovery to
    /// settle, runs checks 1, 2 and 4, destroys everything (check 3), stops the server cleanly and
    /// checks the journal once more.
    /// </summary>
    private static async Task<DrillRow> RecoverAndCheckAsync(
        DrillEnvironment environment, string name, DrillModel model, int crashes, List<string> problems)
    {
        var recovered = false;
        var timeToRecover = TimeSpan.Zero;
        DrillChecks.Leaks leaks = new(0, 0, 0, []);
        JournalSnapshot? before = null;
        try
        {
            await using (var journal = await environment.OpenJournalAsync().ConfigureAwait(false))
            {
                before = await JournalSnapshot.TakeAsync(journal).ConfigureAwait(false);
                problems.AddRange(before.Problems(null).Select(p => "journal before restart: " + p));
                var views = await DrillChecks.ReadViewsAsync(journal).ConfigureAwait(false);
                problems.AddRange(DrillChecks.MountsMatchJournal(views, environment, recovered: false).Select(p => "before restart: " + p));
            }

            var server = environment.StartServer(failpoints: null);
            await using (server.ConfigureAwait(false))
            {
                var found = problems.Count;
                await server.WaitForHealthAsync().ConfigureAwait(false);
                var api = new DrillApi(server.Client);
                var list = await DrillChecks.SettleAsync(api).ConfigureAwait(false);
                timeToRecover = server.Started.Elapsed;
                problems.AddRange(await DrillChecks.ListingAsync(api, list, model).ConfigureAwait(false));
                await using (var journal = await environment.OpenJournalAsync().ConfigureAwait(false))
                {
                    problems.AddRange((await JournalSnapshot.TakeAsync(journal).ConfigureAwait(false)).Problems(before).Select(p => "journal after recovery: " + p));
                    var views = await DrillChecks.ReadViewsAsync(journal).ConfigureAwait(false);
                    problems.AddRange(DrillChecks.MountsMatchJournal(views, environment, recovered: true).Select(p => "after recovery: " + p));
                }

                recovered = problems.Count == found;
                leaks = await DrillChecks.DestroyEverythingAsync(api, environment).ConfigureAwait(false);
                problems.AddRange(leaks.Problems);
                var exit = await server.StopAsync(ExitTimeout).ConfigureAwait(false);
                if (exit != 0)
                {
                    problems.Add($"the restarted server exited with {exit} on SIGTERM: {server.LogTail(10)}");
                }
            }

            await using (var journal = await environment.OpenJournalAsync().ConfigureAwait(false))
            {
                problems.AddRange((await JournalSnapshot.TakeAsync(journal).ConfigureAwait(false)).Problems(before).Select(p => "journal at the end: " + p));
            }
        }
        catch (Exception e) when (e is DrillException or TimeoutException or InvalidOperationException or UnreachableException)
        {
            problems.Add(e.Message);
            recovered = false;
        }

        return new DrillRow(name, crashes, recovered, leaks.Mounts, leaks.Directories, leaks.LoopDevices, timeToRecover, model.InFlight, problems);
    }
}
