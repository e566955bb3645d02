using System.Collections.Concurrent;
using System.Diagnostics;
using Orchestrator.Actors.Runtime;

namespace Orchestrator.TestKit;

/// <summary>
/// What tests and probes share: a <see cref="TestActor"/> whose messages queue up, and expectations that
/// take from that queue with a timeout and say what arrived instead when they fail.
/// </summary>
public abstract partial class TestKitBase
{
    private static long _testActorCounter;

    private readonly BlockingCollection<Envelope> _queue = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private protected TestKitBase(ActorSystem system, TestKitSettings settings, string? testActorName)
    {
        Sys = system;
        TestKitSettings = settings;
        var name = testActorName ?? "testActor" + Interlocked.Increment(ref _testActorCounter);
        TestActor = system.SystemActorOf(Props.Create(() => new TestActor(_queue)), name);
    }

    public ActorSystem Sys { get; }

    public TestKitSettings TestKitSettings { get; }

    /// <summary>Receives what is told to it; expectations read its queue. Also the implicit sender of a test.</summary>
    public IActorRef TestActor { get; }

    /// <summary>The message most recently taken by an expectation.</summary>
    public object? LastMessage { get; private set; }

    /// <summary>The sender of <see cref="LastMessage"/>.</summary>
    public IActorRef LastSender { get; private set; } = ActorRefs.NoSender;

    /// <summary>Messages received but not yet taken by an expectation.</summary>
    public int QueuedMessageCount => _queue.Count;

    public IActorRef ActorOf(Props props, string? name = null)
    {
        EnsureImplicitSender();
        return Sys.ActorOf(props, name);
    }

    public TestProbe CreateTestProbe(string? name = null)
    {
        EnsureImplicitSender();
        return new TestProbe(Sys, TestKitSettings, name);
    }

    /// <summary>The <see cref="TestActor"/> watches <paramref name="actor"/>: expect its <see cref="Terminated"/>.</summary>
    public IActorRef Watch(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureImplicitSender();
        TestActor.Tell(new TestActor.WatchCommand(actor), ActorRefs.NoSender);
        return actor;
    }

    public IActorRef Unwatch(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        TestActor.Tell(new TestActor.UnwatchCommand(actor), ActorRefs.NoSender);
        return actor;
    }

    /// <summary>Multiplies by the configured time factor.</summary>
    public TimeSpan Dilated(TimeSpan span) => TestKitSettings.Dilated(span);

    /// <summary>Hook for the test kit proper: make the TestActor the implicit sender of the calling flow.</summary>
    private protected virtual void EnsureImplicitSender()
    {
    }

    private TimeSpan Now => _clock.Elapsed;

    /// <summary>Takes the next message, or returns null if none arrives within <paramref name="max"/>.</summary>
    private Envelope? TakeOne(TimeSpan max)
    {
        EnsureImplicitSender();
        var ok = max == Timeout.InfiniteTimeSpan
            ? _queue.TryTake(out var envelope, Timeout.Infinite)
            : _queue.TryTake(out envelope, max < TimeSpan.Zero ? TimeSpan.Zero : max);
        if (!ok)
        {
            return null;
        }

        LastMessage = envelope.Message;
        LastSender = envelope.Sender;
        return envelope;
    }
}
