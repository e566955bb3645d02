using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Runtime;
using Orchestrator.TestKit;

namespace Orchestrator.Tests.Runtime;

public sealed class ActorSystemTests : Orchestrator.TestKit.TestKit
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("$reserved")]
    [InlineData("with space")]
    public void ActorOf_InvalidName_ThrowsInvalidActorNameException(string name) =>
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new Idle()), name));

    [Fact]
    public void ActorOf_NameOfLiveSibling_ThrowsInvalidActorNameException()
    {
        Sys.ActorOf(Props.Create(() => new Idle()), "taken");

        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new Idle()), "taken"));
    }

    [Fact]
    public void ActorOf_NameOfFullyStoppedActor_CanBeReused()
    {
        var first = Watch(Sys.ActorOf(Props.Create(() => new Idle()), "reused"));
        Sys.Stop(first);
        ExpectTerminated(first);

        var second = Sys.ActorOf(Props.Create(() => new Idle()), "reused");

        Assert.NotSame(first, second);
        Assert.Equal(first.Path, second.Path);
    }

    [Fact]
    public void ActorOf_NoName_GeneratesUniqueNames()
    {
        var names = Enumerable.Range(0, 100).Select(_ => Sys.ActorOf(Props.Create(() => new Idle())).Path.Name).ToList();

        Assert.Equal(100, names.Distinct().Count());
        Assert.All(names, n => Assert.StartsWith("$", n, StringComparison.Ordinal));
    }

    [Fact]
    public void Create_InvalidSystemName_Throws() =>
        Assert.Throws<ArgumentException>(() => ActorSystem.Create("not valid"));

    [Fact]
    public async Task Terminate_RunningActors_StopsAllAndRunsEachPostStop()
    {
        var stopped = new ConcurrentQueue<string>();
        var system = ActorSystem.Create("terminating");
        system.ActorOf(Props.Create(() => new Parent(stopped)), "parent");
        system.ActorOf(Props.Create(() => new Recorder(stopped, "other")), "other");

        await system.Terminate().WaitAsync(Guard);

        Assert.True(system.WhenTerminated.IsCompletedSuccessfully);
        Assert.Equal(["child", "other", "parent"], stopped.Order());
        Assert.Equal(["child", "parent"], stopped.Where(s => s is "child" or "parent"));
    }

    [Fact]
    public async Task Tell_AfterTermination_GoesToDeadLettersAndIsLogged()
    {
        var logs = new CapturingLoggerFactory();
        var system = ActorSystem.Create("dead", new ActorSystemSettings { LoggerFactory = logs });
        var actor = system.ActorOf(Props.Create(() => new Idle()), "gone");
        await system.Terminate().WaitAsync(Guard);

        actor.Tell(new Undeliverable(1), ActorRefs.NoSender);

        var entry = Assert.Single(logs.Entries, e => e.Message.Contains(nameof(Undeliverable), StringComparison.Ordinal));
        Assert.Equal("/user/gone", entry.Property("ActorPath"));
    }

    [Fact]
    public void Tell_ToStoppedActor_PublishesDeadLetterAndLogsIt()
    {
        var logs = new CapturingLoggerFactory();
        using var kit = new Kit(new ActorSystemSettings { LoggerFactory = logs });
        kit.Sys.EventStream.Subscribe(kit.TestActor, typeof(DeadLetter));
        var actor = kit.Watch(kit.Sys.ActorOf(Props.Create(() => new Idle())));
        kit.Sys.Stop(actor);
        kit.ExpectTerminated(actor);

        actor.Tell(new Undeliverable(2), kit.TestActor);

        var letter = kit.ExpectMsg<DeadLetter>();
        Assert.Equal(new Undeliverable(2), letter.Message);
        Assert.Same(actor, letter.Recipient);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains(nameof(Undeliverable), StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetOrAddExtension_CalledTwice_CreatesOnceAndDisposesOnTermination()
    {
        var system = ActorSystem.Create("extended");
        var calls = 0;

        var first = system.GetOrAddExtension(_ => new Extension(++calls));
        var second = system.GetOrAddExtension(_ => new Extension(++calls));
        await system.Terminate().WaitAsync(Guard);

        Assert.Same(first, second);
        Assert.Equal(1, calls);
        Assert.True(first.Disposed);
        Assert.True(system.TryGetExtension<Extension>(out _));
    }

    [Fact]
    public async Task Settings_GivenAtCreation_AreExposed()
    {
        var settings = new ActorSystemSettings { Throughput = 7 };
        var system = ActorSystem.Create("configured", settings);

        Assert.Same(settings, system.Settings);
        await system.Terminate().WaitAsync(Guard);
    }

    [Fact]
    public void GetLogger_InsideActor_UsesActorClassAndPathScope()
    {
        var logs = new CapturingLoggerFactory();
        using var kit = new Kit(new ActorSystemSettings { LoggerFactory = logs });
        var actor = kit.Sys.ActorOf(Props.Create(() => new Logging()), "logging");

        actor.Tell("log", kit.TestActor);
        kit.ExpectMsg("logged");

        var entry = Assert.Single(logs.Entries, e => e.Message == "hello from an actor");
        Assert.Equal("Orchestrator.Tests.Runtime.ActorSystemTests.Logging", entry.Category);
        Assert.Equal("/user/logging", entry.Property("ActorPath"));
    }

    private sealed record Undeliverable(int Id);

    private sealed class Kit(ActorSystemSettings settings) : Orchestrator.TestKit.TestKit(settings);

    private sealed class Extension(int id) : IDisposable
    {
        public int Id { get; } = id;

        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(_ => { });
    }

    private sealed class Recorder(ConcurrentQueue<string> stopped, string name) : ReceiveActor
    {
        protected override void PostStop() => stopped.Enqueue(name);
    }

    private sealed class Parent : ReceiveActor
    {
        private readonly ConcurrentQueue<string> _stopped;

        public Parent(ConcurrentQueue<string> stopped)
        {
            _stopped = stopped;
            Context.ActorOf(Props.Create(() => new Recorder(stopped, "child")), "child");
        }

        protected override void PostStop() => _stopped.Enqueue("parent");
    }

    private sealed class Logging : ReceiveActor
    {
        public Logging()
        {
            Receive<string>(_ =>
            {
                Log.LogInformation("hello from an actor");
                Sender.Tell("logged");
            });
        }
    }
}
