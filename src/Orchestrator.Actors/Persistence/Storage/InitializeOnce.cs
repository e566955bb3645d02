namespace Orchestrator.Actors.Persistence.Storage;

/// <summary>
/// Runs a store's initialization (migrations, opening the writer) once, however many callers
/// arrive at the same time. A failed attempt is forgotten so the next call tries again: a
/// database that was briefly unreachable must not poison the store for its whole life.
/// </summary>
internal sealed class InitializeOnce
{
    private readonly Func<Task> _initialize;
    private readonly object _gate = new();
    private Task? _attempt;

    public InitializeOnce(Func<Task> initialize) => _initialize = initialize;

    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        Task attempt;
        lock (_gate)
        {
            if (_attempt is null || _attempt.IsFaulted || _attempt.IsCanceled)
            {
                // Not bound to one caller's token: the work is shared, only the waiting is not.
                _attempt = Task.Run(_initialize, CancellationToken.None);
            }

            attempt = _attempt;
        }

        return attempt.IsCompletedSuccessfully ? Task.CompletedTask : attempt.WaitAsync(cancellationToken);
    }
}
