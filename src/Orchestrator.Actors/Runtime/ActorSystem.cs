using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Runtime.Supervision;

namespace Orchestrator.Actors.Runtime;

/// <summary>
/// A hierarchy of actors: <c>/user</c> holds what <see cref="ActorOf"/> creates, <c>/system</c> the runtime's
/// own actors. Terminating the system stops <c>/user</c> (children first, PostStop of each), then
/// <c>/system</c>, then completes <see cref="WhenTerminated"/>.
/// </summary>
public sealed partial class ActorSystem
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorCell _root;
    private readonly ActorCell _userGuardian;
    private readonly ActorCell _systemGuardian;
    private readonly TimerBasedScheduler _scheduler = new();
    private readonly DeadLetterActorRef _deadLetters;
    private readonly ActorPath _tempPath;
    private long _tempCounter;
    private int _terminating;

    private ActorSystem(string name, ActorSystemSettings settings)
    {
        Name = name;
        Settings = settings;
        Log = settings.LoggerFactory.CreateLogger<ActorSystem>();
        var rootPath = ActorPath.CreateRoot(name);
        _deadLetters = new DeadLetterActorRef(this, rootPath.Child("deadLetters"));
        _tempPath = rootPath.Child("temp");

        // The three guardians are wired up before any of them runs, so the root can watch /user from its
        // first turn and ActorOf works as soon as Create returns.
        var rootProps = Props.Create(() => new RootGuardian(_userGuardian!.Self))
            .WithSupervisorStrategy(SupervisorStrategy.StoppingStrategy);
        _root = new ActorCell(this, rootPath, rootProps, new RootSupervisorRef(this, rootPath.Child("bubble-walker")));
        _userGuardian = _root.CreateChild(Props.Create(static () => new GuardianActor()), "user", start: false);
        _systemGuardian = _root.CreateChild(Props.Create(static () => new GuardianActor()), "system", start: false);
        _root.Start();
        _userGuardian.Start();
        _systemGuardian.Start();
        RuntimeLog.SystemStarted(Log, name);
    }

    public string Name { get; }

    public ActorSystemSettings Settings { get; }

    /// <summary>The runtime's own log (category <c>Orchestrator.Actors.Runtime.ActorSystem</c>).</summary>
    public ILogger Log { get; }

    public IScheduler Scheduler => _scheduler;

    public IActorRef DeadLetters => _deadLetters;

    public EventStream EventStream { get; } = new();

    /// <summary>Completes once every actor has stopped.</summary>
    public Task WhenTerminated => _terminated.Task;

    internal ILoggerFactory LoggerFactory => Settings.LoggerFactory;

    internal bool IsTerminating => Volatile.Read(ref _terminating) != 0;

    public static ActorSystem Create(string name, ActorSystemSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!SystemNamePattern().IsMatch(name))
        {
            throw new ArgumentException($"Invalid actor system name [{name}]: use letters, digits, '-' and '_', starting with a letter or digit.", nameof(name));
        }

        return new ActorSystem(name, settings ?? ActorSystemSettings.Default);
    }

    /// <summary>Creates a top-level actor under <c>/user</c>.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => _userGuardian.ActorOf(props, name);

    /// <summary>Creates a runtime actor under <c>/system</c>.</summary>
    internal IActorRef SystemActorOf(Props props, string? name = null) => _systemGuardian.ActorOf(props, name);

    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        _userGuardian.Stop(actor);
    }

    /// <summary>Stops every actor; idempotent. The task is <see cref="WhenTerminated"/>.</summary>
    public Task Terminate()
    {
        if (Interlocked.Exchange(ref _terminating, 1) == 0)
        {
            _userGuardian.SelfRef.Stop();
        }

        return WhenTerminated;
    }

    public override string ToString() => "orchestrator://" + Name;

    internal ActorPath NewTempPath() => _tempPath.Child("$" + Interlocked.Increment(ref _tempCounter));

    internal void PublishDeadLetter(DeadLetter letter)
    {
        var messageType = letter.Message.GetType().Name;
        if (IsTerminating)
        {
            RuntimeLog.DeadLetterDuringShutdown(Log, messageType, letter.Sender.Path.ToString(), letter.Recipient.Path.ToString());
        }
        else
        {
            RuntimeLog.DeadLetter(Log, messageType, letter.Sender.Path.ToString(), letter.Recipient.Path.ToString());
        }

        EventStream.Publish(letter);
    }

    /// <summary>The user guardian stopped by itself (it failed): the system goes down with it.</summary>
    internal void OnUserGuardianTerminated() => Interlocked.Exchange(ref _terminating, 1);

    internal async Task OnRootTerminatedAsync()
    {
        Interlocked.Exchange(ref _terminating, 1);
        _scheduler.Stop();
        await DisposeExtensionsAsync().ConfigureAwait(false);
        RuntimeLog.SystemTerminated(Log, Name);
        _terminated.TrySetResult();
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_-]*$")]
    private static partial Regex SystemNamePattern();
}
