using Orchestrator.Actors.Runtime;

namespace Orchestrator.TestKit;

/// <summary>
/// A second pair of hands in a test: its own <see cref="Ref"/> and message queue, with the same
/// expectations as the test kit. Messages it sends carry <see cref="Ref"/> as their sender.
/// </summary>
public sealed class TestProbe : TestKitBase
{
    private static long _probeCounter;

    internal TestProbe(ActorSystem system, TestKitSettings settings, string? name)
        : base(system, settings, name ?? "testProbe" + Interlocked.Increment(ref _probeCounter))
    {
    }

    public IActorRef Ref => TestActor;

    /// <summary>Tells <paramref name="message"/> to <paramref name="target"/> as the probe.</summary>
    public void Send(IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, Ref);
    }

    /// <summary>Answers the sender of the last message taken by an expectation.</summary>
    public void Reply(object message)
    {
        if (LastMessage is null)
        {
            throw new InvalidOperationException("Nothing to reply to: no message has been received yet.");
        }

        LastSender.Tell(message, Ref);
    }

    /// <summary>Passes the last message taken on to <paramref name="target"/>, keeping its original sender.</summary>
    public void Forward(IActorRef target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (LastMessage is null)
        {
            throw new InvalidOperationException("Nothing to forward: no message has been received yet.");
        }

        target.Tell(LastMessage, LastSender);
    }

    public override string ToString() => "TestProbe " + Ref.Path;
}
