using System.Collections.Concurrent;
using Orchestrator.Actors.Runtime;

namespace Orchestrator.Tests.Runtime;

public sealed class DispatchersTests : Orchestrator.TestKit.TestKit
{
    [Fact]
    public void Pinned_EveryHookHandlerAndContinuation_RunsOnOneDedicatedThread()
    {
        var threads = new ConcurrentQueue<(string Where, int ThreadId, bool IsPoolThread)>();
        var actor = ActorOf(Props.Create(() => new ThreadRecorder(threads)).WithDispatcher(Dispatchers.PinnedDispatcherId));

        actor.Tell("sync");
        actor.Tell("async");
        actor.Tell("fail");
        actor.Tell("sync");
        actor.Tell("done");
        ExpectMsg("done");

        var recorded = threads.ToList();
        Assert.Contains(recorded, r => r.Where == "post-restart");
        Assert.Contains(recorded, r => r.Where == "after await");
        Assert.Single(recorded.Select(r => r.ThreadId).Distinct());
        Assert.All(recorded, r => Assert.False(r.IsPoolThread, r.Where));
    }

    [Fact]
    public void Default_Handlers_RunOnThreadPool()
    {
        var threads = new ConcurrentQueue<(string Where, int ThreadId, bool IsPoolThread)>();
        var actor = ActorOf(Props.Create(() => new ThreadRecorder(threads)));

        actor.Tell("sync");
        actor.Tell("done");
        ExpectMsg("done");

        Assert.All(threads, r => Assert.True(r.IsPoolThread, r.Where));
    }

    [Fact]
    public void WithDispatcher_UnknownId_Throws() =>
        Assert.Throws<ArgumentException>(() => Props.Create(() => new ThreadRecorder(new())).WithDispatcher("nonexistent"));

    private sealed class ThreadRecorder : ReceiveActor
    {
        private readonly ConcurrentQueue<(string, int, bool)> _threads;

        public ThreadRecorder(ConcurrentQueue<(string, int, bool)> threads)
        {
            _threads = threads;
            Record("constructor");
            Receive<string>(m => m == "sync", _ => Record("sync"));
            ReceiveAsync<string>(m => m == "async", async _ =>
            {
                Record("before await");
                await Task.Delay(20);
                Record("after await");
                await Task.Yield();
                Record("after yield");
            });
            Receive<string>(m => m == "fail", _ => throw new InvalidOperationException("restart me"));
            Receive<string>(m => m == "done", _ => Sender.Tell("done"));
        }

        protected override void PreStart() => Record("pre-start");

        protected override void PostRestart(Exception reason)
        {
            Record("post-restart");
            base.PostRestart(reason);
        }

        private void Record(string where) =>
            _threads.Enqueue((where, Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread));
    }
}
