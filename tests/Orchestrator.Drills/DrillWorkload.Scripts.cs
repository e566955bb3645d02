namespace Orchestrator.Drills;

internal sealed partial class DrillWorkload
{
    /// <summary>
    /// The failpoint drills' workload: every rootfs and volume kind created, then a path, containers
    /// and the sandbox torn down, so that every create and undo window is reached. Returns false
    /// once the server died; true means it ran to the end (the failpoint was never hit).
    /// </summary>
    public async Task<bool> RunScriptAsync()
    {
        const string s = "s1";
        return await CreateSandboxAsync(s)
            && await CreateContainerAsync(s, "s1-bind", Shape.Bind)
            && await CreateContainerAsync(s, "s1-block", Shape.Block)
            && await CreateContainerAsync(s, "s1-nydus", Shape.Nydus)
            && await AddPathAsync(s, "s1-bind", "/hot")
            && await AddPathAsync(s, "s1-bind", "/hot2")
            && await RemovePathAsync(s, "s1-bind", "/hot")
            && await DeleteContainerAsync(s, "s1-block")
            && await DeleteContainerAsync(s, "s1-nydus")
            && await CreateSandboxAsync("s2")
            && await CreateContainerAsync("s2", "s2-bind", Shape.Bind)
            && await DeleteSandboxAsync(s);
    }

    /// <summary>
    /// The random-kill drill's workload: up to <paramref name="steps"/> requests chosen by
    /// <paramref name="random"/> among creates, hot adds and deletes of what exists. Returns false
    /// once the server died.
    /// </summary>
    public async Task<bool> RunRandomAsync(Random random, int steps)
    {
        var next = 0;
        for (var step = 0; step < steps; step++)
        {
            var sandboxes = Live(model.Sandboxes).ToList();
            var containers = model.Containers.Where(c => c.Value == Expected.Acknowledged && model.Sandboxes[c.Key.Sandbox] == Expected.Acknowledged)
                .Select(c => c.Key).ToList();
            var paths = model.Paths.Where(p => p.Value == Expected.Acknowledged && containers.Contains((p.Key.Sandbox, p.Key.Container)))
                .Select(p => p.Key).ToList();
            var roll = random.Next(100);
            bool alive;
            if (sandboxes.Count == 0 || (roll < 15 && sandboxes.Count < 3))
            {
                alive = await CreateSandboxAsync($"r{++next}");
            }
            else if (roll < 60 || containers.Count == 0)
            {
                var sandbox = sandboxes[random.Next(sandboxes.Count)];
                alive = await CreateContainerAsync(sandbox, $"{sandbox}-c{++next}", (Shape)random.Next(3));
            }
            else if (roll < 75)
            {
                var (sandbox, container) = containers[random.Next(containers.Count)];
                alive = await AddPathAsync(sandbox, container, $"/hot{++next}");
            }
            else if (roll < 82 && paths.Count > 0)
            {
                var (sandbox, container, path) = paths[random.Next(paths.Count)];
                alive = await RemovePathAsync(sandbox, container, path);
            }
            else if (roll < 93)
            {
                var (sandbox, container) = containers[random.Next(containers.Count)];
                alive = await DeleteContainerAsync(sandbox, container);
            }
            else
            {
                alive = await DeleteSandboxAsync(sandboxes[random.Next(sandboxes.Count)]);
            }

            if (!alive)
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<string> Live(Dictionary<string, Expected> sandboxes) =>
        sandboxes.Where(s => s.Value == Expected.Acknowledged).Select(s => s.Key).OrderBy(s => s, StringComparer.Ordinal);
}
