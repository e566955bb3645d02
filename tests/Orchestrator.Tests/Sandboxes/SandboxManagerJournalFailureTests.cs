using Orchestrator.Actors.Native;
using Akka.Actor;
using Orchestrator.Actors.Errors;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Sandboxes;

public sealed class SandboxManagerJournalFailureTests() : TreeTestKit(TestJournalPersistence)
{
    [Fact]
    public async Task CreateSandbox_JournalWriteFails_AnsweredJournalUnavailableAndManagerStops()
    {
        var native = CreateTestProbe("native");
        native.IgnoreMessages<PrepareReconciliation>(); // the start-up hint: it mounts nothing
        var manager = Sys.ActorOf(SandboxManager.Props(native.Ref, new SandboxTreeSettings { RunDir = "/run/o" }), SandboxManager.Name);
        Watch(manager);
        manager.Tell(ListSandboxes.Instance);
        ExpectMsg<SandboxList>();
        await WriteBehavior.Fail();

        manager.Tell(new CreateSandbox("s1"));

        var failure = ExpectMsg<Status.Failure>();
        var cause = Assert.IsType<JournalUnavailableException>(failure.Cause);
        Assert.Equal("sandboxes", cause.PersistenceId);
        ExpectTerminated(manager);
        native.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task CreateSandbox_JournalRejectsTheWrite_AnsweredJournalUnavailableAndManagerStops()
    {
        var native = CreateTestProbe("native");
        native.IgnoreMessages<PrepareReconciliation>(); // the start-up hint: it mounts nothing
        var manager = Sys.ActorOf(SandboxManager.Props(native.Ref, new SandboxTreeSettings { RunDir = "/run/o" }), SandboxManager.Name);
        Watch(manager);
        manager.Tell(AwaitRecovery.Instance);
        ExpectMsg<RecoveryFinished>();
        await WriteBehavior.Reject();

        manager.Tell(new CreateSandbox("s1"));

        Assert.IsType<JournalUnavailableException>(ExpectMsg<Status.Failure>().Cause);
        ExpectTerminated(manager);
        native.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
