using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Api.Contracts;

namespace Orchestrator.Drills;

/// <summary>The four checks a drill runs after every crash; each returns what it found wrong.</summary>
internal static partial class DrillChecks
{
    private const int SettleAttempts = 600;
    private static readonly TimeSpan SettleInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Polls the listing (bounded) until recovery has finished: no sandbox or container is still
    /// being created, destroyed or recovered.
    /// </summary>
    public static async Task<SandboxListResponse> SettleAsync(DrillApi api)
    {
        SandboxListResponse list = new([]);
        for (var attempt = 0; attempt < SettleAttempts; attempt++)
        {
            list = await api.GetAsync<SandboxListResponse>("/v1/sandboxes").ConfigureAwait(false);
            // Destroyed is on its way out: the parent forgets it a moment later. One that stays is
            // reported when settling times out.
            if (list.Sandboxes.All(s => s.Lifecycle is not (SandboxLifecycle.New or SandboxLifecycle.Creating or SandboxLifecycle.Destroying or SandboxLifecycle.Destroyed)
                && s.Containers.All(c => c.Lifecycle is not (ContainerLifecycle.New or ContainerLifecycle.Creating or ContainerLifecycle.TearingDown or ContainerLifecycle.Destroyed))))
            {
                return list;
            }

            await Task.Delay(SettleInterval).ConfigureAwait(false);
        }

        throw new DrillException("recovery did not settle: " + Describe(list));
    }

    /// <summary>
    /// Check 1: the restarted service lists exactly what was acknowledged, plus what was in flight in
    /// a clear state (a rolled-back create is Failed; a destroy that started finishes and the thing is
    /// gone). A delete whose first event never reached the journal (a kill before the request got
    /// there, a crash before the first undo intent) did not start: finding the thing untouched is
    /// right too, and the caller would simply ask again.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ListingAsync(DrillApi api, SandboxListResponse list, DrillModel model)
    {
        var problems = new List<string>();
        var listed = list.Sandboxes.ToDictionary(s => s.Id, StringComparer.Ordinal);
        foreach (var (id, expected) in model.Sandboxes)
        {
            var lifecycle = listed.TryGetValue(id, out var s) ? s.Lifecycle : (SandboxLifecycle?)null;
            var fine = expected switch
            {
                Expected.Acknowledged => lifecycle == SandboxLifecycle.Ready,
                Expected.CreateInFlight => lifecycle is null or SandboxLifecycle.Ready or SandboxLifecycle.Failed,
                Expected.DeleteInFlight => lifecycle is null || lifecycle == SandboxLifecycle.Ready,
                _ => lifecycle is null,
            };
            if (!fine)
            {
                problems.Add($"sandbox {id} ({expected}) is listed as {lifecycle?.ToString() ?? "absent"}");
            }
        }

        problems.AddRange(list.Sandboxes.Where(s => !model.Sandboxes.ContainsKey(s.Id)).Select(s => $"sandbox {s.Id} is listed but was never asked for"));
        foreach (var sandbox in list.Sandboxes)
        {
            var containers = sandbox.Containers.ToDictionary(c => c.Id, StringComparer.Ordinal);
            foreach (var ((sid, cid), expected) in model.Containers.Where(c => c.Key.Sandbox == sandbox.Id))
            {
                var lifecycle = containers.TryGetValue(cid, out var c) ? c.Lifecycle : (ContainerLifecycle?)null;
                var fine = expected switch
                {
                    Expected.Acknowledged => lifecycle == ContainerLifecycle.Running,
                    Expected.CreateInFlight => lifecycle is null or ContainerLifecycle.Running or ContainerLifecycle.Failed,
                    Expected.DeleteInFlight => lifecycle is null || lifecycle == ContainerLifecycle.Running,
                    _ => lifecycle is null,
                };
                if (!fine)
                {
                    problems.Add($"container {sid}/{cid} ({expected}) is listed as {lifecycle?.ToString() ?? "absent"}");
                }
            }

            problems.AddRange(sandbox.Containers.Where(c => !model.Containers.ContainsKey((sandbox.Id, c.Id)))
                .Select(c => $"container {sandbox.Id}/{c.Id} is listed but was never asked for"));
            foreach (var container in sandbox.Containers.Where(c => c.Lifecycle == ContainerLifecycle.Running))
            {
                problems.AddRange(await PathsAsync(api, sandbox.Id, container.Id, model).ConfigureAwait(false));
            }
        }

        return problems;
    }

    private static async Task<IReadOnlyList<string>> PathsAsync(DrillApi api, string sandboxId, string containerId, DrillModel model)
    {
        var info = await api.GetAsync<ContainerResponse>($"/v1/sandboxes/{sandboxId}/containers/{containerId}").ConfigureAwait(false);
        var hot = (info.Plan?.SharedPaths ?? []).Where(p => p.HotAdded).Select(p => p.ContainerPath).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var ((_, _, path), expected) in model.Paths.Where(p => p.Key.Sandbox == sandboxId && p.Key.Container == containerId))
        {
            var present = hot.Contains(path);
            var fine = expected switch
            {
                Expected.Acknowledged => present,
                Expected.CreateInFlight => true,
                Expected.DeleteInFlight => true,
                _ => !present,
            };
            if (!fine)
            {
                problems.Add($"path {sandboxId}/{containerId}{path} ({expected}) is {(present ? "present" : "absent")}");
            }
        }

        return problems;
    }

    private static string Describe(SandboxListResponse list) => string.Join("; ", list.Sandboxes.Select(s =>
        $"{s.Id}={s.Lifecycle}[{string.Join(",", s.Containers.Select(c => $"{c.Id}={c.Lifecycle}"))}]"));
}
