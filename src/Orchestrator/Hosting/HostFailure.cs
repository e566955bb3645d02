namespace Orchestrator.Hosting;

/// <summary>Why the service stopped itself, if it did; the exit code then says so (1) to whoever restarts it.</summary>
internal sealed class HostFailure
{
    private string? _reason;

    public string? Reason => Volatile.Read(ref _reason);

    public void Fail(string reason) => Interlocked.CompareExchange(ref _reason, reason, null);
}
