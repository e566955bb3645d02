namespace Orchestrator.Hosting;

/// <summary>
/// Why the service stopped itself, if it did; the exit code then says so (1) to whoever restarts it.
/// <see cref="Failed"/> is cancelled at that moment, so requests still waiting for an actor that can no
/// longer answer end at once instead of holding the shutdown until their ask times out.
/// </summary>
internal sealed class HostFailure : IDisposable
{
    private readonly CancellationTokenSource _failed = new();
    private string? _reason;

    public string? Reason => Volatile.Read(ref _reason);

    public CancellationToken Failed => _failed.Token;

    public void Fail(string reason)
    {
        if (Interlocked.CompareExchange(ref _reason, reason, null) is null)
        {
            _failed.Cancel();
        }
    }

    public void Dispose() => _failed.Dispose();
}
