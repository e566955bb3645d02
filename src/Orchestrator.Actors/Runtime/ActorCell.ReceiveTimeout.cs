using System.Diagnostics;

namespace Orchestrator.Actors.Runtime;

internal sealed partial class ActorCell
{
    private TimeSpan? _receiveTimeout;
    private Timer? _receiveTimeoutTimer;
    private long _lastActivity;

    public TimeSpan? ReceiveTimeout => _receiveTimeout;

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is not { } span || span <= TimeSpan.Zero)
        {
            _receiveTimeout = null;
            _receiveTimeoutTimer?.Dispose();
            _receiveTimeoutTimer = null;
            return;
        }

        _receiveTimeout = span;
        RestartReceiveTimeout();
    }

    private void RestartReceiveTimeout()
    {
        _lastActivity = Stopwatch.GetTimestamp();
        _receiveTimeoutTimer ??= NonCapturingTimer.Create(
            static state => ((IActorRef)state!).Tell(ReceiveTimeoutTick.Instance, ActorRefs.NoSender), _self);
        _receiveTimeoutTimer.Change(_receiveTimeout!.Value, Timeout.InfiniteTimeSpan);
    }

    private void ReceivedReceiveTimeoutTick()
    {
        if (_receiveTimeout is not { } timeout)
        {
            return;
        }

        // A tick may have been queued just before a message arrived; only real idleness counts.
        var idle = Stopwatch.GetElapsedTime(_lastActivity);
        if (idle < timeout)
        {
            _receiveTimeoutTimer?.Change(timeout - idle, Timeout.InfiniteTimeSpan);
            return;
        }

        _currentEnvelope = new Envelope(Runtime.ReceiveTimeout.Instance, ActorRefs.NoSender);
        ReceiveMessage(Runtime.ReceiveTimeout.Instance);

        // Still set (the handler did not turn it off): fire again after another idle period.
        if (_receiveTimeout is not null)
        {
            RestartReceiveTimeout();
        }
    }
}
