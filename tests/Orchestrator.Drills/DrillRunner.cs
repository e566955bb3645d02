using Orchestrator.TestKit.Processes;

namespace Orchestrator.Drills;

/// <summary>Runs one drill end to end (crash, restart, the four checks) and turns it into a table row.</summary>
internal static partial class DrillRunner
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Arms <paramref name="failpoint"/> to crash, runs the scripted workload until the server dies
    /// there, then recovers and checks. A workload that never hits the failpoint fails the row.
    /// </summary>
    public static async Task<DrillRow> RunFailpointAsync(OrchestratorExecutable executable, string failpoint, string? postgres)
    {
        await using var environment = await DrillEnvironment.CreateAsync(executable, postgres).ConfigureAwait(false);
        var model = new DrillModel();
        var problems = new List<string>();
        var crashes = 0;
        var server = environment.StartServer(Armed(failpoint));
        await using (server.ConfigureAwait(false))
        {
            try
            {
                await server.WaitForHealthAsync().ConfigureAwait(false);
                var workload = new DrillWorkload(environment, new DrillApi(server.Client), model);
                if (await workload.RunScriptAsync().ConfigureAwait(false))
                {
                    problems.Add($"the workload never hit {failpoint}");
                    await server.KillAsync().ConfigureAwait(false);
                }
                else
                {
                    var exit = await server.WaitForExitAsync(ExitTimeout).ConfigureAwait(false);
                    crashes += OrchestratorServer.IsKilled(exit) ? 1 : 0;
                    if (!OrchestratorServer.IsKilled(exit))
                    {
                        problems.Add($"the server exited with {exit}, not 137 (SIGKILL): {server.LogTail(10)}");
                    }
                }
            }
            catch (Exception e) when (e is DrillException or TimeoutException or InvalidOperationException)
            {
                problems.Add($"before the crash: {e.Message}");
            }
        }

        return await RecoverAndCheckAsync(environment, failpoint, model, crashes, problems).ConfigureAwait(false);
    }

    /// <summary>
    /// The failpoint set to crash at its first hit in the workload. Every start journals two events
    /// in two commits (recovery started, recovery finished) before it serves, so the commit
    /// failpoint is armed for the third commit, the workload's first write.
    /// </summary>
    private static string Armed(string failpoint) =>
        failpoint == Orchestrator.Actors.Failpoints.FailpointNames.JournalAfterCommit ? $"{failpoint}=crash@3" : $"{failpoint}=crash";

    /// <summary>
    /// One random-kill round: a seeded mixed workload with a SIGKILL after a seeded delay, then
    /// recovery and the checks. The round's seed fixes the workload and the moment exactly; only
    /// how far the server got by then depends on the machine.
    /// </summary>
    public static async Task<DrillRow> RunRandomKillAsync(OrchestratorExecutable executable, int seed, int round, string? postgres)
    {
        await using var environment = await DrillEnvironment.CreateAsync(executable, postgres).ConfigureAwait(false);
        var random = new Random(seed);
        var killAfter = TimeSpan.FromMilliseconds(random.Next(20, 2500));
        var name = $"round {round} (seed {seed}), kill -9 after {killAfter.TotalMilliseconds:F0} ms";
        var model = new DrillModel();
        var problems = new List<string>();
        var crashes = 0;
        var server = environment.StartServer(failpoints: null);
        await using (server.ConfigureAwait(false))
        {
            try
            {
                await server.WaitForHealthAsync().ConfigureAwait(false);
                var kill = KillLaterAsync(server, killAfter);
                await new DrillWorkload(environment, new DrillApi(server.Client), model).RunRandomAsync(random, steps: 40).ConfigureAwait(false);
                var exit = await kill.ConfigureAwait(false);
                crashes += OrchestratorServer.IsKilled(exit) ? 1 : 0;
            }
            catch (Exception e) when (e is DrillException or TimeoutException or InvalidOperationException)
            {
                problems.Add($"before the crash: {e.Message}");
                await server.KillAsync().ConfigureAwait(false);
            }
        }

        return await RecoverAndCheckAsync(environment, name, model, crashes, problems).ConfigureAwait(false);
    }

    private static async Task<int> KillLaterAsync(OrchestratorServer server, TimeSpan after)
    {
        // The random moment itself, not a synchronisation: the workload runs meanwhile.
        await Task.Delay(after).ConfigureAwait(false);
        return await server.KillAsync().ConfigureAwait(false);
    }
}
