namespace Orchestrator.Actors.Runtime;

/// <summary>
/// The temporary sender of an <c>Ask</c>: a ref with no mailbox whose first reply completes the task.
/// Later replies become dead letters; watchers are told it terminated once the ask is over.
/// </summary>
internal sealed class PromiseActorRef<T> : MinimalActorRef
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorSystem _system;
    private readonly Lock _watchersLock = new();
    private List<IInternalActorRef>? _watchers;
    private Timer? _timeout;
    private CancellationTokenRegistration _cancellation;

    public PromiseActorRef(ActorSystem system)
    {
        _system = system;
        Path = system.NewTempPath();
    }

    public override ActorPath Path { get; }

    public override ActorSystem? System => _system;

    public Task<T> Task => _completion.Task;

    public void Start(TimeSpan timeout, CancellationToken cancellationToken, IActorRef target, object message)
    {
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _timeout = NonCapturingTimer.Create(
                static state =>
                {
                    var (promise, target, messageType, timeout) = ((PromiseActorRef<T>, IActorRef, string, TimeSpan))state!;
                    promise.Complete(c => c.TrySetException(new AskTimeoutException(
                        $"Ask timed out on [{target.Path}] after [{timeout.TotalMilliseconds} ms]. Message type [{messageType}].")));
                },
                (this, target, message.GetType().Name, timeout));
            _timeout.Change(timeout, Timeout.InfiniteTimeSpan);
        }

        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(
                static (state, token) => ((PromiseActorRef<T>)state!).Complete(c => c.TrySetCanceled(token)),
                this);
        }
    }

    public override void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var completed = Complete(completion => message switch
        {
            Status.Failure failure => completion.TrySetException(failure.Cause),
            T reply => completion.TrySetResult(reply),
            _ => completion.TrySetException(new InvalidCastException(
                $"Ask expected a reply of type {typeof(T).Name} but received {message.GetType().Name}: {message}")),
        });
        if (!completed)
        {
            _system.DeadLetters.Tell(new DeadLetter(message, sender ?? ActorRefs.NoSender, this), sender);
        }
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        if (message is SystemMessage.Watch watch && ReferenceEquals(watch.Watchee, this))
        {
            lock (_watchersLock)
            {
                if (!_completion.Task.IsCompleted)
                {
                    (_watchers ??= []).Add(watch.Watcher);
                    return;
                }
            }
        }
        else if (message is SystemMessage.Unwatch unwatch)
        {
            lock (_watchersLock)
            {
                _watchers?.Remove(unwatch.Watcher);
            }

            return;
        }

        base.SendSystemMessage(message);
    }

    private bool Complete(Func<TaskCompletionSource<T>, bool> complete)
    {
        List<IInternalActorRef>? watchers;
        lock (_watchersLock)
        {
            if (!complete(_completion))
            {
                return false;
            }

            watchers = _watchers;
            _watchers = null;
        }

        _timeout?.Dispose();
        _cancellation.Dispose();
        if (watchers is not null)
        {
            foreach (var watcher in watchers)
            {
                watcher.SendSystemMessage(new SystemMessage.DeathWatchNotification(this, existenceConfirmed: true));
            }
        }

        return true;
    }
}
