using System.Diagnostics;
using Akka.Actor;
using Akka.Persistence;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Errors;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Tracing;

namespace Orchestrator.Actors.Resources;

/// <summary>
/// The event-sourced actor that runs resource steps: it interprets <see cref="IStepHost"/>'s
/// Persist, Call and After as messages. One operation runs at a time: <see cref="Ready"/> takes
/// commands, <see cref="Busy"/> answers reads and stashes everything else until the operation
/// ends with a reply or a <see cref="Status.Failure"/>; after recovery, <see cref="Reconciling"/>
/// holds reads too until the kernel has been asked. Each continuation runs inside the actor,
/// so a step never races another; a reply to a call made before a restart is recognised by its id
/// and ignored. Each operation is a span (<see cref="StepNames"/>) under the context its command
/// carried; it is <see cref="Activity.Current"/> while a continuation runs, so log lines written for
/// the step carry its trace id, and native calls carry it to the native actor.
/// </summary>
/// <typeparam name="TEvent">The marker of everything the actor journals.</typeparam>
public abstract class StepActor<TEvent> : ReceivePersistentActor, IWithTimers
    where TEvent : class
{
    private const string StepTimerKey = "step";
    private const string CallTimerKey = "native-call";

    // Process-wide, so that a restarted actor (same ActorRef, new instance) never reuses an id
    // whose reply may still be on its way.
    private static long _lastCallId;

    private long _pendingCall;
    private Action<INativeReply>? _onReply;
    private long _pendingTimer;
    private Action? _onTimer;
    private IActorRef? _replyTo;
    private bool _reconciling;
    private Activity? _step;

    protected StepActor(ILoggerFactory loggerFactory, IActorRef native, TimeSpan nativeCallTimeout)
    {
        Logger = loggerFactory.CreateLogger(GetType());
        Native = native;
        NativeCallTimeout = nativeCallTimeout;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The actor's logger (category: the actor's class).</summary>
    protected ILogger Logger { get; }

    protected IActorRef Native { get; }

    protected TimeSpan NativeCallTimeout { get; }

    /// <summary>True while an operation runs.</summary>
    protected bool InOperation => _replyTo is not null;

    /// <summary>
    /// True when no operation runs (reconciling included), nothing waits in the stash and no step or
    /// call timer is pending: nothing the actor knows lives only in its memory, its journal has it all.
    /// </summary>
    protected bool Idle => !InOperation && Stash.IsEmpty && !Timers.IsTimerActive(StepTimerKey) && !Timers.IsTimerActive(CallTimerKey);

    /// <summary>The running operation's span context, for a message the step sends on (default when nobody traces).</summary>
    protected ActivityContext StepTrace => _step?.Context ?? default;

    /// <summary>Journals <paramref name="events"/> in one atomic write, applies each in its handler, then runs <paramref name="then"/>.</summary>
    public void Persist(IReadOnlyList<TEvent> events, Action then)
    {
        if (events.Count == 0)
        {
            then();
            return;
        }

        var remaining = events.Count;
        PersistAll(events, e =>
        {
            Apply(e);
            if (--remaining == 0)
            {
                Continue(then);
            }
        });
    }

    /// <summary>Sends <paramref name="request"/> to the native-call actor; <paramref name="then"/> runs when its reply arrives.</summary>
    public void Call(INativeRequest request, Action<INativeReply> then)
    {
        _pendingCall = Interlocked.Increment(ref _lastCallId);
        _onReply = then;
        Timers.StartSingleTimer(CallTimerKey, new CallTimedOut(_pendingCall, request), NativeCallTimeout);
        Native.Tell(new NativeCall(_pendingCall, request, StepTrace), Self);
    }

    /// <summary>Runs <paramref name="then"/> after <paramref name="delay"/> (one pending timer at a time).</summary>
    public void After(TimeSpan delay, Action then)
    {
        _pendingTimer++;
        _onTimer = then;
        Timers.StartSingleTimer(StepTimerKey, new StepTimer(_pendingTimer), delay);
    }

    /// <summary>Applies a journaled event to the actor's state (live; recovery folds the same way).</summary>
    protected abstract void Apply(TEvent e);

    /// <summary>Registers the commands the actor takes when no operation runs.</summary>
    protected abstract void ReadyCommands();

    /// <summary>Registers what is handled at once whenever an operation runs (child reports); the rest is stashed.</summary>
    protected virtual void BusyCommands()
    {
    }

    /// <summary>
    /// Registers the reads answered at once while a request's operation runs. While the actor
    /// reconciles after recovery they wait like commands: its state is not yet the kernel's.
    /// </summary>
    protected virtual void ReadCommands()
    {
    }

    /// <summary>
    /// The post-recovery work ended well: the actor's state is the kernel's and what a crash
    /// interrupted is finished or rolled back. Not called when it failed (the actor restarts and
    /// recovers again).
    /// </summary>
    protected virtual void OnReconciled()
    {
    }

    /// <summary>A request error ended an operation (the actor stays as it is).</summary>
    protected virtual void OnRequestRefused(Exception error)
    {
    }

    /// <summary>
    /// Starts the operation <paramref name="step"/> for <paramref name="replyTo"/>, its span a child of
    /// <paramref name="trace"/>; it ends with <see cref="Reply"/> or <see cref="Fail"/>.
    /// </summary>
    protected void Operate(string step, ActivityContext trace, IActorRef replyTo, Action body)
    {
        _replyTo = replyTo;
        _step = StartStep(step, trace);
        Become(Busy);
        Continue(body);
    }

    /// <summary>
    /// Starts the post-recovery work (reconcile with the kernel, then finish what a crash
    /// interrupted) as an operation nobody waits for; every command and read that arrives meanwhile
    /// waits until it ends with <see cref="Reply"/>.
    /// </summary>
    protected void Reconcile(string step, Action body)
    {
        _replyTo = ActorRefs.Nobody;
        _reconciling = true;
        _step = StartStep(step, default);
        Become(Reconciling);
        Continue(body);
    }

    /// <summary>Ends the operation with <paramref name="reply"/> (null: nobody to answer).</summary>
    protected void Reply(object? reply)
    {
        var replyTo = _replyTo;
        var reconciled = _reconciling;
        _reconciling = false;
        EndOperation();
        if (reply is not null && replyTo is not null && !replyTo.IsNobody())
        {
            replyTo.Tell(reply);
        }

        if (reconciled)
        {
            OnReconciled();
        }
    }

    /// <summary>
    /// Ends the operation with <paramref name="error"/>. A request error leaves the actor as it is;
    /// anything else is answered and rethrown, so the supervisor restarts the actor from its journal.
    /// </summary>
    protected void Fail(Exception error)
    {
        if (!Replies.IsRequestError(error))
        {
            _reconciling = false;
        }

        OrchestratorTracing.Failed(_step, error);
        Reply(new Status.Failure(error));
        if (Replies.IsRequestError(error))
        {
            OnRequestRefused(error);
            return;
        }

        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
    }

    /// <summary>The behaviour between operations.</summary>
    protected void Ready()
    {
        Command<NativeCallReply>(IgnoreStale);
        Command<CallTimedOut>(_ => { });
        Command<StepTimer>(_ => { });
        ReadyCommands();
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // Akka stops the actor after this: answer whoever waits instead of leaving them to time out.
        AnswerJournalUnavailable(cause);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        // The event was not stored, so the state the operation relied on never happened: stop
        // rather than go on from a guess; the next incarnation recovers what was journaled.
        AnswerJournalUnavailable(cause);
        base.OnPersistRejected(cause, @event, sequenceNr);
        Context.Stop(Self);
    }

    private void AnswerJournalUnavailable(Exception cause)
    {
        var replyTo = _replyTo;
        _replyTo = null;
        OrchestratorTracing.Failed(_step, cause);
        EndStep();
        if (replyTo is not null && !replyTo.IsNobody())
        {
            replyTo.Tell(new Status.Failure(new JournalUnavailableException(PersistenceId, cause)));
        }
    }

    private void Busy()
    {
        StepCommands();
        ReadCommands();
        CommandAny(_ => Stash.Stash());
    }

    private void Reconciling()
    {
        StepCommands();
        CommandAny(_ => Stash.Stash());
    }

    private void StepCommands()
    {
        Command<NativeCallReply>(OnNativeReply);
        Command<CallTimedOut>(OnCallTimedOut);
        Command<StepTimer>(OnStepTimer);
        BusyCommands();
    }

    private void EndOperation()
    {
        EndStep();
        _replyTo = null;
        _pendingCall = 0;
        _onReply = null;
        _onTimer = null;
        Timers.Cancel(CallTimerKey);
        Timers.Cancel(StepTimerKey);
        Become(Ready);
        Stash.UnstashAll();
    }

    /// <summary>Runs a continuation of the operation; an exception ends the operation with that error.</summary>
    protected void Continue(Action step)
    {
        // The span is current only inside the continuation: the dispatcher thread runs other actors next.
        var span = _step;
        var outer = span is null ? null : Activity.Current;
        if (span is not null)
        {
            Activity.Current = span;
        }

        try
        {
            step();
        }
        catch (Exception e) when (InOperation)
        {
            Fail(e);
        }
        finally
        {
            if (span is not null)
            {
                Activity.Current = outer;
            }
        }
    }

    protected override void PostStop()
    {
        // Stopped, or restarting, mid-operation: the span ends here rather than never.
        if (_step is not null)
        {
            OrchestratorTracing.Failed(_step, new InvalidOperationException("the actor stopped before its operation ended"));
            EndStep();
        }

        base.PostStop();
    }

    private Activity? StartStep(string step, ActivityContext trace)
    {
        var span = OrchestratorTracing.StartDetached(step, trace);
        if (span is { IsAllDataRequested: true } && this is IStepHost host)
        {
            span.SetTag(OrchestratorTracing.SandboxIdAttribute, host.SandboxId);
            span.SetTag(OrchestratorTracing.ContainerIdAttribute, host.ContainerId);
        }

        return span;
    }

    private void EndStep()
    {
        _step?.Dispose();
        _step = null;
    }

    private void OnNativeReply(NativeCallReply reply)
    {
        if (reply.Id != _pendingCall || _onReply is not { } then)
        {
            IgnoreStale(reply);
            return;
        }

        _pendingCall = 0;
        _onReply = null;
        Timers.Cancel(CallTimerKey);
        Continue(() => then(reply.Reply));
    }

    private void OnCallTimedOut(CallTimedOut timeout)
    {
        if (timeout.Id == _pendingCall)
        {
            // The call may or may not have happened: only a restart, which reconciles with the
            // kernel, can tell. The error is not a request error, so Fail rethrows it.
            Fail(new TimeoutException($"the native-call actor did not answer {timeout.Request.GetType().Name} within {NativeCallTimeout}"));
        }
    }

    private void OnStepTimer(StepTimer timer)
    {
        if (timer.Id == _pendingTimer && _onTimer is { } then)
        {
            _onTimer = null;
            Continue(then);
        }
    }

    private void IgnoreStale(NativeCallReply reply) =>
        StepActorLog.StaleReply(Logger, Self.Path.ToString(), reply.Id, _pendingCall);

    private sealed record StepTimer(long Id);

    private sealed record CallTimedOut(long Id, INativeRequest Request);
}
