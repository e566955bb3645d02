using Orchestrator.Api.Contracts;
using Orchestrator.TestKit.Processes;

namespace Orchestrator.Drills;

internal static partial class DrillChecks
{
    /// <summary>What check 3 found left behind once everything was destroyed.</summary>
    public sealed record Leaks(int Mounts, int Directories, int LoopDevices, IReadOnlyList<string> Problems);

    /// <summary>
    /// Check 3: destroys every listed sandbox through the API, waits (bounded) until none is listed,
    /// then counts what is left: mounts under the run dir (and rafs instances nydusd still serves),
    /// directories under <c>&lt;RunDir&gt;/sandboxes</c>, loop devices backed by the drill's files.
    /// </summary>
    public static async Task<Leaks> DestroyEverythingAsync(DrillApi api, DrillEnvironment environment)
    {
        var problems = new List<string>();
        foreach (var sandbox in (await api.GetAsync<SandboxListResponse>("/v1/sandboxes").ConfigureAwait(false)).Sandboxes)
        {
            var result = await api.SendAsync(HttpMethod.Delete, $"/v1/sandboxes/{sandbox.Id}").ConfigureAwait(false);
            if (!result.Succeeded)
            {
                problems.Add($"DELETE sandbox {sandbox.Id} ({sandbox.Lifecycle}) answered {result.Status?.ToString() ?? "nothing"}: {result.Body}");
            }
        }

        for (var attempt = 0; ; attempt++)
        {
            var left = (await api.GetAsync<SandboxListResponse>("/v1/sandboxes").ConfigureAwait(false)).Sandboxes;
            if (left.Count == 0)
            {
                break;
            }

            if (attempt == SettleAttempts)
            {
                problems.Add("still listed after destroying everything: " + string.Join(", ", left.Select(s => $"{s.Id}={s.Lifecycle}")));
                break;
            }

            await Task.Delay(SettleInterval).ConfigureAwait(false);
        }

        var mounts = environment.Keeper.MountPointsUnder(environment.RunDir).Concat(environment.Nydusd.Mounts.Keys.Select(k => "nydusd:" + k)).ToList();
        var inside = environment.Keeper.PathInside(environment.SandboxesDir);
        var directories = Directory.Exists(inside)
            ? Directory.EnumerateDirectories(inside, "*", SearchOption.AllDirectories).Select(d => d[environment.Keeper.PathInside(string.Empty).Length..]).ToList()
            : [];
        var loops = LoopDeviceScan.BackedUnder(environment.Scratch);
        problems.AddRange(mounts.Select(m => $"leaked mount {m}"));
        problems.AddRange(directories.Select(d => $"leaked directory {d}"));
        problems.AddRange(loops.Select(l => $"leaked loop device {l.DevicePath} on {l.BackingFile}"));
        return new Leaks(mounts.Count, directories.Count, loops.Count, problems);
    }
}
