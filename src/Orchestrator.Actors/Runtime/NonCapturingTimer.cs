namespace Orchestrator.Actors.Runtime;

/// <summary>
/// Creates timers without capturing the caller's execution context, so that async locals of whoever
/// scheduled (a test's implicit sender, a request scope) do not leak into timer callbacks.
/// </summary>
internal static class NonCapturingTimer
{
    public static Timer Create(TimerCallback callback, object? state)
    {
        var restoreFlow = false;
        try
        {
            if (!ExecutionContext.IsFlowSuppressed())
            {
                ExecutionContext.SuppressFlow();
                restoreFlow = true;
            }

            return new Timer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        finally
        {
            if (restoreFlow)
            {
                ExecutionContext.RestoreFlow();
            }
        }
    }
}
