using Orchestrator.Actors.Errors;
using Orchestrator.Actors.Persistence.InMemory;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Runtime;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Tests.Persistence;

namespace Orchestrator.Tests.Sandboxes;

public sealed class SandboxManagerJournalFailureTests : Orchestrator.TestKit.TestKit
{
    private readonly ControllableJournal _journal;

    public SandboxManagerJournalFailureTests()
        : this(new ControllableJournal(new InMemoryJournal(new EventSerializer(EventManifestRegistry.FromAssemblies(typeof(SandboxManager).Assembly)))))
    {
    }

    private SandboxManagerJournalFailureTests(ControllableJournal journal)
        : base(new ActorSystemSettings { Journal = journal })
    {
        _journal = journal;
    }

    [Fact]
    public void CreateSandbox_JournalWriteFails_AnsweredJournalUnavailableAndManagerStops()
    {
        var native = CreateTestProbe("native");
        var manager = Sys.ActorOf(SandboxManager.Props(native.Ref, new SandboxTreeSettings { RunDir = "/run/o" }), SandboxManager.Name);
        Watch(manager);
        manager.Tell(ListSandboxes.Instance);
        ExpectMsg<SandboxList>();
        _journal.WriteFailure = new IOException("disk gone");

        manager.Tell(new CreateSandbox("s1"));

        var failure = ExpectMsg<Status.Failure>();
        var cause = Assert.IsType<JournalUnavailableException>(failure.Cause);
        Assert.Equal("sandboxes", cause.PersistenceId);
        ExpectTerminated(manager);
        native.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
