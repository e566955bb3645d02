using Orchestrator.Actors.Native;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Sandboxes;

public sealed class SandboxManagerStartTests() : TreeTestKit
{
    [Fact]
    public void Start_BeforeItsRegistryRecovers_AsksTheNativeActorToReadTheMountTableAheadForItsRunDir()
    {
        var native = CreateTestProbe("native");

        Sys.ActorOf(SandboxManager.Props(native.Ref, new SandboxTreeSettings { RunDir = "/run/o" }), SandboxManager.Name);

        Assert.Equal("/run/o/sandboxes", native.ExpectMsg<PrepareReconciliation>().Under);
        native.Reply(new ReconciliationPrepared(TableRead: false));
        native.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
