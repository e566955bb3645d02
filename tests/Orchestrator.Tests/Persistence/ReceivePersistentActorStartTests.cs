using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Runtime;
using Orchestrator.Actors.Runtime.Supervision;

namespace Orchestrator.Tests.Persistence;

/// <summary>A persistent actor in a system configured without a journal.</summary>
public sealed class ReceivePersistentActorStartTests : Orchestrator.TestKit.TestKit
{
    [Fact]
    public void Start_SystemWithoutJournal_FailsWithActorInitializationExceptionNamingTheSetting()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent(TestActor)));

        parent.Tell("start");

        var child = Watch(ExpectMsg<IActorRef>());
        var failure = ExpectMsg<ActorInitializationException>();
        Assert.Contains("ActorSystemSettings.Journal", failure.Message, StringComparison.Ordinal);
        ExpectTerminated(child);
    }

    /// <summary>Reports the failure of its child and stops it.</summary>
    private sealed class Parent : ReceiveActor
    {
        private readonly IActorRef _monitor;

        public Parent(IActorRef monitor)
        {
            _monitor = monitor;
            Receive<string>(_ =>
            {
                var child = Context.ActorOf(Props.Create(() => new Journaled()), "journaled");
                monitor.Tell(child);
            });
        }

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(cause =>
        {
            _monitor.Tell(cause);
            return Directive.Stop;
        });
    }

    private sealed class Journaled : ReceivePersistentActor
    {
        public override string PersistenceId => "journaled";
    }
}
