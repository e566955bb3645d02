using System.Collections.Concurrent;

namespace Orchestrator.Actors.Runtime;

/// <summary>
/// An actor's two queues and its scheduling state. The mailbox holds no thread: it is handed to its executor
/// only when it has work and is not already scheduled (one compare-and-swap on <see cref="_status"/>), and
/// after every <c>throughput</c> user messages gives its thread up if other work is waiting for it.
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int StatusIdle = 0;
    private const int StatusScheduled = 1;
    private const int StatusClosed = 2;

    private readonly ConcurrentQueue<Envelope> _userQueue = new();
    private readonly ActorCell _cell;
    private readonly MailboxExecutor _executor;
    private readonly int _throughput;

    // Unstashed messages, read before the user queue. Only the processing thread touches it; the last
    // element is the front.
    private List<Envelope>? _front;

    // Lock-free LIFO of system messages: producers push, the processing thread takes the whole list.
    private SystemMessage? _systemHead;
    private int _status;

    // Owned by the processing thread; _userSuspended mirrors them for producers deciding whether to schedule.
    private int _suspendCount;
    private bool _awaitingTask;
    private volatile bool _userSuspended;

    public Mailbox(ActorCell cell, MailboxExecutor executor, int throughput)
    {
        _cell = cell;
        _executor = executor;
        _throughput = throughput;
    }

    public bool IsClosed => (Volatile.Read(ref _status) & StatusClosed) != 0;

    public void Post(Envelope envelope)
    {
        if (IsClosed)
        {
            _cell.SendToDeadLetters(envelope);
            return;
        }

        _userQueue.Enqueue(envelope);
        if (IsClosed)
        {
            // Lost the race with Close: whatever is left must still reach dead letters.
            DrainUserQueueToDeadLetters();
            return;
        }

        if (!_userSuspended)
        {
            TrySchedule();
        }
    }

    public void PostSystem(SystemMessage message)
    {
        if (IsClosed)
        {
            _cell.HandleDeadSystemMessage(message);
            return;
        }

        SystemMessage? head;
        do
        {
            head = Volatile.Read(ref _systemHead);
            message.Next = head;
        }
        while (Interlocked.CompareExchange(ref _systemHead, message, head) != head);

        if (IsClosed)
        {
            DrainSystemQueueToDead();
            return;
        }

        TrySchedule();
    }

    /// <summary>Puts a message in front of everything queued. Processing thread only.</summary>
    public void EnqueueFirst(Envelope envelope) => (_front ??= []).Add(envelope);

    public void Suspend()
    {
        _suspendCount++;
        _userSuspended = true;
    }

    public void Resume()
    {
        if (_suspendCount > 0)
        {
            _suspendCount--;
        }

        _userSuspended = _suspendCount > 0 || _awaitingTask;
    }

    public void SetAwaitingTask(bool awaiting)
    {
        _awaitingTask = awaiting;
        _userSuspended = _suspendCount > 0 || awaiting;
    }

    /// <summary>Stops the mailbox for good: queued user messages become dead letters. Processing thread only.</summary>
    public void Close()
    {
        Interlocked.Or(ref _status, StatusClosed);
        if (_front is { } front)
        {
            for (var i = front.Count - 1; i >= 0; i--)
            {
                _cell.SendToDeadLetters(front[i]);
            }

            _front = null;
        }

        DrainUserQueueToDeadLetters();
        DrainSystemQueueToDead();
    }

    public void TrySchedule()
    {
        if (Volatile.Read(ref _status) == StatusIdle
            && Interlocked.CompareExchange(ref _status, StatusScheduled, StatusIdle) == StatusIdle)
        {
            _executor.Execute(this);
        }
    }

    void IThreadPoolWorkItem.Execute() => Run();

    public void Run()
    {
        try
        {
            if (!IsClosed)
            {
                ProcessSystemMessages();
                ProcessUserMessages();
            }
        }
        finally
        {
            Interlocked.And(ref _status, ~StatusScheduled);

            // A producer that saw the Scheduled bit did not schedule; look again now that it is cleared.
            if (HasWork())
            {
                TrySchedule();
            }
        }
    }

    private bool HasWork() =>
        !IsClosed
        && (Volatile.Read(ref _systemHead) is not null
            || (!_userSuspended && (_front is { Count: > 0 } || !_userQueue.IsEmpty)));

    private void ProcessUserMessages()
    {
        for (var left = _throughput; ; left--)
        {
            if (left == 0)
            {
                if (_executor.ShouldYield())
                {
                    return;
                }

                left = _throughput;
            }

            if (_userSuspended || IsClosed)
            {
                return;
            }

            Envelope envelope;
            if (_front is { Count: > 0 } front)
            {
                envelope = front[^1];
                front.RemoveAt(front.Count - 1);
            }
            else if (!_userQueue.TryDequeue(out envelope))
            {
                return;
            }

            _cell.Invoke(envelope);
            if (Volatile.Read(ref _systemHead) is not null)
            {
                ProcessSystemMessages();
            }
        }
    }

    private void ProcessSystemMessages()
    {
        while (true)
        {
            var head = Interlocked.Exchange(ref _systemHead, null);
            if (head is null)
            {
                return;
            }

            // The stack holds the newest first; reverse it so messages run in the order they were sent.
            SystemMessage? ordered = null;
            while (head is not null)
            {
                var next = head.Next;
                head.Next = ordered;
                ordered = head;
                head = next;
            }

            while (ordered is not null)
            {
                var message = ordered;
                ordered = ordered.Next;
                message.Next = null;
                if (IsClosed)
                {
                    _cell.HandleDeadSystemMessage(message);
                }
                else
                {
                    _cell.SystemInvoke(message);
                }
            }
        }
    }

    private void DrainUserQueueToDeadLetters()
    {
        while (_userQueue.TryDequeue(out var envelope))
        {
            _cell.SendToDeadLetters(envelope);
        }
    }

    private void DrainSystemQueueToDead()
    {
        var head = Interlocked.Exchange(ref _systemHead, null);
        while (head is not null)
        {
            var next = head.Next;
            head.Next = null;
            _cell.HandleDeadSystemMessage(head);
            head = next;
        }
    }
}
