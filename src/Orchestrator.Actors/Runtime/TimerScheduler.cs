namespace Orchestrator.Actors.Runtime;

internal sealed class TimerScheduler : ITimerScheduler
{
    private readonly ActorCell _cell;
    private readonly Dictionary<object, Entry> _timers = [];
    private int _generation;

    public TimerScheduler(ActorCell cell)
    {
        _cell = cell;
    }

    public void StartSingleTimer(object key, object message, TimeSpan delay) => Start(key, message, delay, null);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => Start(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) =>
        Start(key, message, initialDelay, interval);

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var entry))
        {
            entry.Cancelable.Cancel();
        }
    }

    public void CancelAll()
    {
        foreach (var entry in _timers.Values)
        {
            entry.Cancelable.Cancel();
        }

        _timers.Clear();
    }

    /// <summary>True when the timer is still the current one for its key; a single timer is then done.</summary>
    internal bool Accept(TimerMessage message)
    {
        if (!ReferenceEquals(message.Owner, this)
            || !_timers.TryGetValue(message.Key, out var entry)
            || entry.Generation != message.Generation)
        {
            return false;
        }

        if (!entry.Repeating)
        {
            _timers.Remove(message.Key);
        }

        return true;
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan? interval)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var timerMessage = new TimerMessage(key, ++_generation, message, this);
        var scheduler = _cell.System.Scheduler;
        var cancelable = interval is { } every
            ? scheduler.ScheduleTellRepeatedly(delay, every, _cell.Self, timerMessage, ActorRefs.NoSender)
            : scheduler.ScheduleTellOnce(delay, _cell.Self, timerMessage, ActorRefs.NoSender);
        _timers[key] = new Entry(timerMessage.Generation, cancelable, interval is not null);
    }

    private sealed record Entry(int Generation, ICancelable Cancelable, bool Repeating);
}
