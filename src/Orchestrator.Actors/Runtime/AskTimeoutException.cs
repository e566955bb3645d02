namespace Orchestrator.Actors.Runtime;

public sealed class AskTimeoutException : TimeoutException
{
    public AskTimeoutException(string message)
        : base(message)
    {
    }
}
