using Akka.Actor;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>
/// Answers one <see cref="ListSandboxes"/>: asks every supervisor to describe itself, collects the
/// answers (a sandbox whose supervisor had stopped comes in listed failed; one that stops meanwhile is
/// left out) and replies
/// once all have answered, or fails the listing when some did not answer within the timeout. Lives for
/// one request, so the manager never waits.
/// </summary>
internal sealed class SandboxListAggregator : ReceiveActor, IWithTimers
{
    private readonly IReadOnlyDictionary<string, IActorRef> _supervisors;
    private readonly HashSet<IActorRef> _waiting;
    private readonly IActorRef _replyTo;
    private readonly List<SandboxInfo> _infos;

    public SandboxListAggregator(IReadOnlyDictionary<string, IActorRef> supervisors, IReadOnlyList<SandboxInfo> stopped, IActorRef replyTo, TimeSpan timeout)
    {
        _supervisors = supervisors;
        _infos = [.. stopped];
        _waiting = [.. supervisors.Values];
        _replyTo = replyTo;
        Timeout = timeout;
        Receive<SandboxInfo>(info =>
        {
            _infos.Add(info);
            Answered(Sender);
        });
        Receive<Terminated>(t => Answered(t.ActorRef));
        Receive<ListTimedOut>(_ =>
        {
            _replyTo.Tell(new Status.Failure(new TimeoutException($"{_waiting.Count} sandboxes did not describe themselves within {Timeout}")));
            Context.Stop(Self);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private TimeSpan Timeout { get; }

    public static Props Props(IReadOnlyDictionary<string, IActorRef> supervisors, IReadOnlyList<SandboxInfo> stopped, IActorRef replyTo, TimeSpan timeout) =>
        Akka.Actor.Props.Create(() => new SandboxListAggregator(supervisors, stopped, replyTo, timeout));

    protected override void PreStart()
    {
        foreach (var (sandboxId, supervisor) in _supervisors)
        {
            Context.Watch(supervisor);
            supervisor.Tell(new GetSandbox(sandboxId), Self);
        }

        Timers.StartSingleTimer(nameof(ListTimedOut), ListTimedOut.Instance, Timeout);
        ReplyIfDone();
    }

    private void Answered(IActorRef supervisor)
    {
        if (_waiting.Remove(supervisor))
        {
            Context.Unwatch(supervisor);
        }

        ReplyIfDone();
    }

    private void ReplyIfDone()
    {
        if (_waiting.Count == 0)
        {
            _replyTo.Tell(new SandboxList([.. _infos.OrderBy(i => i.SandboxId, StringComparer.Ordinal)]));
            Context.Stop(Self);
        }
    }

    private sealed record ListTimedOut
    {
        public static ListTimedOut Instance { get; } = new();
    }
}
