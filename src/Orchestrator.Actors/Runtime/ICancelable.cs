namespace Orchestrator.Actors.Runtime;

public interface ICancelable
{
    bool IsCancellationRequested { get; }

    /// <summary>Idempotent. A message already handed to the receiver is not recalled.</summary>
    void Cancel();
}
