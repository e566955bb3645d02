using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Errors;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Actors.Tracing;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Tracing;

/// <summary>
/// A step's span: the child of the context its command carried, the parent of the context its native
/// calls carry, current while the step runs (so its log lines carry the trace id), failed with the error.
/// </summary>
public sealed class StepTracingTests : TreeTestKit
{
    private readonly SpanRecorder _spans = new();
    private readonly TraceCapturingLoggerFactory _logs = new();

    [Fact]
    public void CreateSandbox_CommandCarriesTrace_StepSpanIsItsChildAndEveryNativeCallCarriesTheStep()
    {
        var native = CreateTestProbe("native");
        var parent = SpanRecorder.NewTrace();
        var sandbox = Spawn(native.Ref);

        sandbox.Tell(new CreateSandbox("s1", Trace: parent));
        var calls = ServeUntilAnswered(native, _ => null);
        ExpectMsg<SandboxInfo>();

        var step = _spans.Single(parent.TraceId, StepNames.SandboxCreate);
        Assert.Equal(parent.SpanId, step.ParentSpanId);
        Assert.Equal("s1", step.GetTagItem(OrchestratorTracing.SandboxIdAttribute));
        Assert.NotEqual(ActivityStatusCode.Error, step.Status);
        Assert.NotEmpty(calls);
        Assert.All(calls, c => Assert.Equal((parent.TraceId, step.SpanId), (c.Trace.TraceId, c.Trace.SpanId)));
        var ready = Assert.Single(_logs.Entries, e => e.Message == "Sandbox s1 ready");
        Assert.Equal((parent.TraceId, step.SpanId), (ready.TraceId, ready.SpanId));
    }

    [Fact]
    public void CreateSandbox_NativeCallFails_StepSpanFailedWithTheErrorType()
    {
        var native = CreateTestProbe("native");
        var parent = SpanRecorder.NewTrace();
        var sandbox = Spawn(native.Ref);

        sandbox.Tell(new CreateSandbox("s1", Trace: parent));
        ServeUntilAnswered(native, r => r is EnsureDirectory e && e.Path == "/run/o/sandboxes/s1"
            ? ScriptedStepHost.Failure("mkdir", "ENOTDIR", e.Path)
            : null);
        var failure = ExpectMsg<Status.Failure>();

        var step = _spans.Single(parent.TraceId, StepNames.SandboxCreate);
        Assert.IsType<NativeCallFailedException>(failure.Cause);
        Assert.Equal(ActivityStatusCode.Error, step.Status);
        Assert.Equal(nameof(NativeCallFailedException), step.GetTagItem(OrchestratorTracing.ErrorTypeAttribute));
    }

    [Fact]
    public void DestroySandbox_WithAContainer_ContainerStepIsAChildOfTheSandboxStep()
    {
        var native = CreateTestProbe("native");
        var sandbox = Spawn(native.Ref);
        sandbox.Tell(new CreateSandbox("s1"));
        ServeUntilAnswered(native, _ => null);
        ExpectMsg<SandboxInfo>();
        sandbox.Tell(new Actors.Containers.AddContainer("s1", new Actors.Containers.ContainerSpec("c1", new Actors.Containers.RootfsSpec(Actors.Containers.RootfsKind.Bind, "/images/c1"), [], [])));
        ServeUntilAnswered(native, _ => null);
        ExpectMsg<Actors.Containers.ContainerCreatedReply>();
        var parent = SpanRecorder.NewTrace();

        sandbox.Tell(new DestroySandbox("s1", Trace: parent));
        ServeUntilAnswered(native, _ => null);
        ExpectMsg<Actors.Containers.TeardownReport>(r => r.Clean);

        var destroy = _spans.Single(parent.TraceId, StepNames.SandboxDestroy);
        var container = _spans.Single(parent.TraceId, StepNames.ContainerDestroy);
        Assert.Equal(parent.SpanId, destroy.ParentSpanId);
        Assert.Equal(destroy.SpanId, container.ParentSpanId);
        Assert.Equal("c1", container.GetTagItem(OrchestratorTracing.ContainerIdAttribute));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _spans.Dispose();
        }
    }

    /// <summary>Answers native calls (healthy unless <paramref name="script"/> says otherwise) until the test actor has an answer.</summary>
    private List<NativeCall> ServeUntilAnswered(Akka.TestKit.TestProbe native, Func<INativeRequest, INativeReply?> script)
    {
        var calls = new List<NativeCall>();
        var deadline = Stopwatch.StartNew();
        while (!HasMessages)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), $"no answer after {calls.Count} native calls");
            if (native.ReceiveOne(TimeSpan.FromMilliseconds(50)) is NativeCall call)
            {
                calls.Add(call);
                native.LastSender.Tell(new NativeCallReply(call.Id, script(call.Request) ?? ScriptedStepHost.Healthy(call.Request)));
            }
        }

        return calls;
    }

    private IActorRef Spawn(IActorRef native) =>
        ActorOf(SandboxSupervisor.Props("s1", 1, native, new SandboxTreeSettings { RunDir = "/run/o", LoggerFactory = _logs }, respawned: false));

    private sealed record TracedEntry(string Message, ActivityTraceId TraceId, ActivitySpanId SpanId);

    /// <summary>Records each message with the span current on the thread that logged it.</summary>
    private sealed class TraceCapturingLoggerFactory : ILoggerFactory, ILogger
    {
        private readonly ConcurrentQueue<TracedEntry> _entries = new();

        public IReadOnlyList<TracedEntry> Entries => [.. _entries];

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _entries.Enqueue(new TracedEntry(formatter(state, exception), Activity.Current?.TraceId ?? default, Activity.Current?.SpanId ?? default));

        public void Dispose()
        {
        }
    }
}
