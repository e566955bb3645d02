using System.Collections.Concurrent;

namespace Orchestrator.Actors.Runtime;

/// <summary>
/// One <see cref="Timer"/> per scheduled tell; the runtime's timer queue handles many of them cheaply.
/// Everything still pending is cancelled when the system terminates.
/// </summary>
internal sealed class TimerBasedScheduler : IScheduler
{
    private readonly ConcurrentDictionary<ScheduledTell, byte> _pending = new();
    private volatile bool _stopped;

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender) =>
        Schedule(delay, null, receiver, message, sender);

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The interval must be positive.");
        }

        return Schedule(initialDelay, interval, receiver, message, sender);
    }

    internal void Stop()
    {
        _stopped = true;
        foreach (var tell in _pending.Keys)
        {
            tell.Cancel();
        }
    }

    private ScheduledTell Schedule(TimeSpan delay, TimeSpan? interval, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);

        // The sender is fixed now: a timer callback has no implicit sender of its own.
        var tell = new ScheduledTell(this, receiver, message, sender ?? ActorRefs.NoSender, interval);
        if (_stopped)
        {
            tell.Cancel();
            return tell;
        }

        _pending[tell] = 0;
        tell.Start(delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
        return tell;
    }

    private void Forget(ScheduledTell tell) => _pending.TryRemove(tell, out _);

    private sealed class ScheduledTell : ICancelable
    {
        private const int Pending = 0;
        private const int Fired = 1;
        private const int Cancelled = 2;

        private readonly TimerBasedScheduler _owner;
        private readonly IActorRef _receiver;
        private readonly object _message;
        private readonly IActorRef _sender;
        private readonly TimeSpan? _interval;
        private readonly Timer _timer;
        private int _state;

        public ScheduledTell(TimerBasedScheduler owner, IActorRef receiver, object message, IActorRef sender, TimeSpan? interval)
        {
            _owner = owner;
            _receiver = receiver;
            _message = message;
            _sender = sender;
            _interval = interval;
            _timer = NonCapturingTimer.Create(static state => ((ScheduledTell)state!).Fire(), this);
        }

        public bool IsCancellationRequested => Volatile.Read(ref _state) == Cancelled;

        public void Start(TimeSpan delay) => _timer.Change(delay, _interval ?? Timeout.InfiniteTimeSpan);

        public void Cancel()
        {
            // Whoever moves the state away from Pending first wins: a cancel that wins is never followed
            // by a delivery, a cancel that loses to a single firing is a no-op.
            if (Interlocked.CompareExchange(ref _state, Cancelled, Pending) == Pending)
            {
                Release();
            }
        }

        private void Fire()
        {
            if (_interval is not null)
            {
                if (Volatile.Read(ref _state) == Pending)
                {
                    _receiver.Tell(_message, _sender);
                }

                return;
            }

            if (Interlocked.CompareExchange(ref _state, Fired, Pending) == Pending)
            {
                Release();
                _receiver.Tell(_message, _sender);
            }
        }

        private void Release()
        {
            _timer.Dispose();
            _owner.Forget(this);
        }
    }
}
