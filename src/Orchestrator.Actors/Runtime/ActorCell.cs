using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Runtime.Supervision;

namespace Orchestrator.Actors.Runtime;

/// <summary>
/// The runtime side of one actor: its mailbox, current instance, behaviour, children and watchers. Apart
/// from the children table (guarded, because <see cref="ActorSystem.ActorOf"/> adds top-level actors from
/// outside) every field is touched only on the actor's turn.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    [ThreadStatic]
    private static ActorCell? _current;

    private readonly ActorSystem _system;
    private readonly IInternalActorRef _parent;
    private readonly Props _props;
    private readonly LocalActorRef _self;
    private readonly Mailbox _mailbox;

    private ActorBase? _actor;
    private Func<object, bool>? _behaviour;
    private List<Func<object, bool>>? _behaviourStack;
    private Envelope _currentEnvelope;

    // Counts messages handed to the actor, so a stash can tell "stashed twice in the same turn" apart
    // from two equal messages.
    private long _invocation;

    public ActorCell(ActorSystem system, ActorPath path, Props props, IInternalActorRef parent)
    {
        _system = system;
        _props = props;
        _parent = parent;
        _self = new LocalActorRef(this, path);
        _mailbox = new Mailbox(this, Dispatchers.CreateExecutor(props.Dispatcher, path), system.Settings.Throughput);
    }

    /// <summary>The cell whose actor is running on this thread, if any.</summary>
    public static ActorCell? Current => _current;

    public IActorRef Self => _self;

    internal LocalActorRef SelfRef => _self;

    public IActorRef Sender =>
        _currentEnvelope.Sender is { } sender && !ReferenceEquals(sender, ActorRefs.Nobody) ? sender : _system.DeadLetters;

    public IActorRef Parent => _parent;

    public ActorSystem System => _system;

    public Props Props => _props;

    /// <summary>
    /// The message being processed. A persistent actor sets it while it runs an event handler from a journal
    /// continuation, so that <see cref="Sender"/> there is the sender of the command that persisted the event.
    /// </summary>
    internal Envelope CurrentEnvelope
    {
        get => _currentEnvelope;
        set => _currentEnvelope = value;
    }

    internal long Invocation => _invocation;

    internal bool IsTerminated => _mailbox.IsClosed;

    /// <summary>Queues the Create message; the actor is constructed on its own turn.</summary>
    public void Start() => _mailbox.PostSystem(new SystemMessage.Create());

    public void Post(Envelope envelope) => _mailbox.Post(envelope);

    public void SendSystemMessage(SystemMessage message) => _mailbox.PostSystem(message);

    public void Become(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        var behaviour = new Func<object, bool>(receive);
        if (_behaviourStack is { Count: > 0 } stack)
        {
            stack[^1] = behaviour;
        }

        _behaviour = behaviour;
    }

    public void BecomeStacked(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        var behaviour = new Func<object, bool>(receive);
        if (_behaviourStack is null)
        {
            _behaviourStack = [_behaviour!];
        }

        _behaviourStack.Add(behaviour);
        _behaviour = behaviour;
    }

    public void UnbecomeStacked()
    {
        // The initial behaviour stays at the bottom; unbecoming past it is a no-op, as in Akka.
        if (_behaviourStack is { Count: > 1 } stack)
        {
            stack.RemoveAt(stack.Count - 1);
            _behaviour = stack[^1];
        }
    }

    /// <summary>A logger whose category is <paramref name="actorType"/> (the constructor may ask before the cell knows its actor).</summary>
    internal ILogger GetLogger(Type? actorType = null) =>
        new ActorLogger(_system.LoggerFactory.CreateLogger(actorType ?? _actor?.GetType() ?? typeof(ActorBase)), _self.Path);

    internal void PublishUnhandled(object message)
    {
        var unhandled = new UnhandledMessage(message, Sender, _self);
        RuntimeLog.UnhandledMessage(_system.Log, _self.Path.ToString(), message.GetType().Name, unhandled.Sender.Path.ToString());
        _system.EventStream.Publish(unhandled);
    }

    internal void SendToDeadLetters(Envelope envelope)
    {
        switch (envelope.Message)
        {
            // Already a dead letter (e.g. published to a subscriber that just stopped): passing it on again
            // could loop forever.
            case DeadLetter or UnhandledMessage:
            // Internal nudges with no meaning once the actor is gone.
            case ReceiveTimeoutTick or TimerMessage:
                return;
            default:
                _system.DeadLetters.Tell(new DeadLetter(envelope.Message, envelope.Sender, _self), envelope.Sender);
                return;
        }
    }

    private ActorBase NewActor()
    {
        var actor = _props.NewActor();
        if (!ReferenceEquals(actor.Cell, this))
        {
            throw new InvalidOperationException("The Props factory must create a new actor instance each time it is called.");
        }

        _actor = actor;
        _behaviour = actor.ReceiveInternal;
        _behaviourStack = null;
        return actor;
    }

    private void ClearActor()
    {
        _actor = null;
        _behaviour = null;
        _behaviourStack = null;
        _strategy = null;
    }
}
