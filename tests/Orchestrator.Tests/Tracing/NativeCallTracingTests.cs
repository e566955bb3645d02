using System.Diagnostics;
using Akka.Actor;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Tracing;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Tracing;

/// <summary>The native-call actor's span per call: under the calling step's context, with the operation, its target and how it ended.</summary>
public sealed class NativeCallTracingTests : TreeTestKit
{
    private readonly SpanRecorder _spans = new();
    private readonly string _scratch = Directory.CreateTempSubdirectory("native-tracing-").FullName;

    [Fact]
    public void NativeCall_WithStepContext_SpanIsItsChildWithOperationTargetAndOutcome()
    {
        var native = ActorOf(NativeCallActor.Props(MountNamespaceMode.Host), "native");
        var step = SpanRecorder.NewTrace();
        var dir = Path.Combine(_scratch, "made");

        native.Tell(new NativeCall(1, new EnsureDirectory(dir), step));
        ExpectMsg<NativeCallReply>(r => r.Reply is DirectoryEnsured);

        var span = _spans.Single(step.TraceId, "native.ensure-directory");
        Assert.Equal(step.SpanId, span.ParentSpanId);
        Assert.Equal("ensure-directory", span.GetTagItem(OrchestratorTracing.OperationAttribute));
        Assert.Equal(dir, span.GetTagItem(OrchestratorTracing.TargetAttribute));
        Assert.Equal("created", span.GetTagItem(OrchestratorTracing.OutcomeAttribute));
        Assert.Null(span.GetTagItem(OrchestratorTracing.ErrnoAttribute));
        Assert.NotEqual(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public void NativeCall_Fails_SpanCarriesSyscallErrnoAndErrorStatus()
    {
        var native = ActorOf(NativeCallActor.Props(MountNamespaceMode.Host), "native");
        var step = SpanRecorder.NewTrace();
        var file = Path.Combine(_scratch, "file");
        File.WriteAllText(file, "in the way");

        native.Tell(new NativeCall(2, new EnsureDirectory(file + "/below"), step));
        var failed = Assert.IsType<NativeFailed>(ExpectMsg<NativeCallReply>().Reply);

        var span = _spans.Single(step.TraceId, "native.ensure-directory");
        Assert.Equal(file + "/below", span.GetTagItem(OrchestratorTracing.TargetAttribute));
        Assert.Equal("failed", span.GetTagItem(OrchestratorTracing.OutcomeAttribute));
        Assert.Equal(failed.Error.Errno, span.GetTagItem(OrchestratorTracing.ErrnoAttribute));
        Assert.Equal(failed.Error.Syscall, span.GetTagItem(OrchestratorTracing.SyscallAttribute));
        Assert.StartsWith("E", failed.Error.Errno, StringComparison.Ordinal);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public void NativeCall_WithoutContext_NoSpan()
    {
        var native = ActorOf(NativeCallActor.Props(MountNamespaceMode.Host), "native");
        var dir = Path.Combine(_scratch, "untraced");

        native.Tell(new NativeCall(3, new EnsureDirectory(dir)));
        ExpectMsg<NativeCallReply>(r => r.Reply is DirectoryEnsured);

        Assert.True(Directory.Exists(dir));
        Assert.DoesNotContain(_spans.All(), a => Equals(a.GetTagItem(OrchestratorTracing.TargetAttribute), dir));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _spans.Dispose();
            Directory.Delete(_scratch, recursive: true);
        }
    }
}
