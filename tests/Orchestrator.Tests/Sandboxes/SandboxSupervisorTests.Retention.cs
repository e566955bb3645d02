using Akka.Actor;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Sandboxes;

public sealed partial class SandboxSupervisorTests
{
    [Fact]
    public void DestroyContainer_HandOverUnansweredThenRestart_HandedOverAgainAndRecordedOnceAnswered()
    {
        var first = ActorOf(Props.Create(() => new HandOverParent(SandboxSupervisor.Props("s1", 1, _native.Ref, Settings, false), _parent.Ref, false)));
        first.Tell(new CreateSandbox("s1"));
        _native.ServeUntilReplied(this);
        ExpectMsg<SandboxInfo>();
        first.Tell(new AddContainer("s1", Spec));
        _native.ServeUntilReplied(this);
        ExpectMsg<ContainerCreatedReply>();
        var container = JournalEvents.Read(this, PersistenceId).OfType<ContainerAddedV2>().Single().PersistenceId;

        first.Tell(new DestroyContainer("s1", "c1"));
        _native.ServeUntilReplied(this);
        Assert.True(ExpectMsg<TeardownReport>().Clean);
        Assert.Equal([container], _parent.ExpectMsg<RetireHistories>().PersistenceIds);
        Watch(first);
        first.Tell(PoisonPill.Instance);
        ExpectTerminated(first);

        // A crash before the manager's answer was journaled: the restarted supervisor asks again.
        ActorOf(Props.Create(() => new HandOverParent(SandboxSupervisor.Props("s1", 1, _native.Ref, Settings, true), _parent.Ref, true)));
        _native.Answer<ReadMounts>(_ => new MountsRead([Layout.Root, Layout.Mounts, Layout.Shared]));
        Assert.Equal([container], _parent.ExpectMsg<RetireHistories>().PersistenceIds);

        Assert.Equal(new SandboxRecovered("s1", 1, 0), _parent.ExpectMsg<SandboxRecovered>());
        AwaitAssert(() => Assert.Equal("HandedOver " + container, JournalEvents.Describe(this, PersistenceId)[^1]));
    }

    /// <summary>Stands in for the manager: forwards what the supervisor tells it to the observer and, when told to, answers the hand-over.</summary>
    private sealed class HandOverParent : ReceiveActor
    {
        public HandOverParent(Props child, IActorRef observer, bool answer)
        {
            var sandbox = Context.ActorOf(child, "s1-1");
            Receive<RetireHistories>(r =>
            {
                observer.Tell(r);
                if (answer)
                {
                    Sender.Tell(new RetireHistoriesReply(r.PersistenceIds));
                }
            });
            Receive<SandboxRecovered>(r => observer.Tell(r));
            Receive<SandboxGone>(g => observer.Tell(g));
            ReceiveAny(m => sandbox.Forward(m));
        }
    }
}
