namespace Orchestrator.EndToEnd.Support;

/// <summary>Polls a readiness condition a bounded number of times, pausing between attempts.</summary>
public static class Poll
{
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, int attempts = 100, int intervalMs = 50)
    {
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(intervalMs);
        }

        return false;
    }

    public static Task<bool> UntilAsync(Func<bool> condition, int attempts = 100, int intervalMs = 50) =>
        UntilAsync(() => Task.FromResult(condition()), attempts, intervalMs);
}
