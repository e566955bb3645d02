using Akka.Actor;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Api.Contracts;
using Orchestrator.Cli;
using Orchestrator.Events;
using Orchestrator.Hosting;
using Orchestrator.Tests.Persistence;
using Orchestrator.Tests.Persistence.Sql;
using Xunit.Abstractions;

namespace Orchestrator.Tests.Events;

/// <summary>
/// The event feed over a real SQLite journal: history then live events once each and in order, the
/// filter, and what happens to clients that read slowly, stop reading, or are connected when the
/// service stops.
/// </summary>
public sealed class EventFeedTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TemporaryDirectory _directory = new();
    private readonly ActorSystem _system;
    private readonly Lifetime _lifetime = new();
    private readonly Dictionary<string, IActorRef> _histories = [];
    private readonly Dictionary<string, int> _appended = [];

    public EventFeedTests(ITestOutputHelper output)
        : base(Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = INFO"), "feed-tests", output)
    {
        _system = ActorSystem.Create("feed", SqlJournalTestSystems.Prepare(new JournalSettings(JournalProvider.Sqlite, _directory.Path)));
    }

    [Fact]
    public async Task StreamAsync_HistoryThenLive_EveryEventOnceInPositionOrder()
    {
        Append("s1", 3);
        var feed = Feed();
        var client = new Client();
        using var leave = new CancellationTokenSource();
        var stream = Stream(feed, client, after: 0, sandboxId: null, leave.Token);

        await AwaitAsync(() => client.Events().Count == 3 && feed.Following == 1);
        Append("s1", 3);
        await AwaitAsync(() => client.Events().Count == 6);
        await leave.CancelAsync();
        await stream.WaitAsync(Patience);

        var events = client.Events();
        Assert.All(events, e => Assert.Equal("sandbox.destroying", e.Event));
        Assert.Equal(["0", "1", "2", "3", "4", "5"], events.Select(e => Body(e).Reason!.Split(' ')[^1]));
        AssertIncreasing(events);
    }

    [Fact]
    public async Task StreamAsync_AfterAPosition_OnlyLaterEvents()
    {
        Append("s1", 4);
        var feed = Feed();
        var all = new Client();
        using var leave = new CancellationTokenSource();
        var first = Stream(feed, all, 0, null, leave.Token);
        await AwaitAsync(() => all.Events().Count == 4);
        var resumeAfter = long.Parse(all.Events()[1].Id!, System.Globalization.CultureInfo.InvariantCulture);

        var resumed = new Client();
        var second = Stream(feed, resumed, resumeAfter, null, leave.Token);
        await AwaitAsync(() => resumed.Events().Count == 2 && feed.Following == 2);
        Append("s1", 1);
        await AwaitAsync(() => resumed.Events().Count == 3 && all.Events().Count == 5);
        await leave.CancelAsync();
        await Task.WhenAll(first, second).WaitAsync(Patience);

        Assert.Equal(all.Events().Skip(2).Select(e => e.Id), resumed.Events().Select(e => e.Id));
    }

    [Fact]
    public async Task StreamAsync_SandboxFilter_OnlyThatSandboxInHistoryAndLive()
    {
        Append("s1", 2);
        Append("s2", 2);
        var feed = Feed();
        var client = new Client();
        using var leave = new CancellationTokenSource();
        var stream = Stream(feed, client, 0, "s2", leave.Token);
        await AwaitAsync(() => client.Events().Count == 2 && feed.Following == 1);

        Append("s1", 2);
        Append("s2", 1);
        await AwaitAsync(() => client.Events().Count == 3);
        await leave.CancelAsync();
        await stream.WaitAsync(Patience);

        Assert.All(client.Events(), e => Assert.Equal("s2", Body(e).SandboxId));
        AssertIncreasing(client.Events());
    }

    [Fact]
    public async Task StreamAsync_ClientFallsABufferBehind_DroppedAfterWhatItHoldsWithWhereToResume()
    {
        var feed = Feed(EventStreamOptions.Default with { BufferSize = 4, WriteTimeout = TimeSpan.FromMinutes(1) });
        var slow = new Client();
        var reader = new Client();
        using var leave = new CancellationTokenSource();
        var slowStream = Stream(feed, slow, 0, null, leave.Token);
        var readerStream = Stream(feed, reader, 0, null, leave.Token);
        await AwaitAsync(() => feed.Following == 2);

        slow.StopReading();
        for (var i = 1; i <= 12; i++)
        {
            // One at a time, as a reader that keeps up sees them: the buffer here is smaller than a page.
            Append("s1", 1);
            await AwaitAsync(() => reader.Events().Count == i);
        }

        // The other client got everything while the slow one was stuck, and the slow one was let go.
        await AwaitAsync(() => feed.Following == 1);
        Assert.False(slowStream.IsCompleted);
        slow.ReadAgain();
        await slowStream.WaitAsync(Patience);

        var messages = slow.Messages();
        var dropped = messages[^1];
        Assert.Equal(StreamEndTypes.Dropped, dropped.Event);
        var events = slow.Events();
        // One event was being written when reading stopped, four waited in the buffer.
        Assert.Equal(5, events.Count);
        Assert.Equal(reader.Events().Take(5).Select(e => e.Id), events.Select(e => e.Id));
        var end = System.Text.Json.JsonSerializer.Deserialize<StreamEndResponse>(dropped.Data, ApiJson.Options)!;
        Assert.Equal(long.Parse(events[^1].Id!, System.Globalization.CultureInfo.InvariantCulture), end.ResumeAfter);
        Assert.Equal(events[^1].Id, dropped.Id);
        Assert.Contains("4 events behind", end.Reason, StringComparison.Ordinal);
        await leave.CancelAsync();
        await readerStream.WaitAsync(Patience);
    }

    [Fact]
    public async Task StreamAsync_ClientStopsReadingAltogether_GivenUpAfterTheWriteTimeoutOthersUnaffected()
    {
        var feed = Feed(EventStreamOptions.Default with { WriteTimeout = TimeSpan.FromMilliseconds(300) });
        var stuck = new Client();
        var reader = new Client();
        using var leave = new CancellationTokenSource();
        var stuckStream = Stream(feed, stuck, 0, null, leave.Token);
        var readerStream = Stream(feed, reader, 0, null, leave.Token);
        await AwaitAsync(() => feed.Following == 2);

        stuck.StopReading();
        Append("s1", 1);

        await Assert.ThrowsAsync<EventStreamStalledException>(() => stuckStream.WaitAsync(Patience));
        Assert.Equal(1, feed.Following);
        Append("s1", 2);
        await AwaitAsync(() => reader.Events().Count == 3);
        await leave.CancelAsync();
        await readerStream.WaitAsync(Patience);
    }

    [Fact]
    public async Task StreamAsync_ServiceStops_LastMessageShutdownAndTheStreamEnds()
    {
        Append("s1", 2);
        var feed = Feed();
        var client = new Client();
        var stream = Stream(feed, client, 0, null, CancellationToken.None);
        await AwaitAsync(() => client.Events().Count == 2 && feed.Following == 1);

        _lifetime.StopApplication();
        await stream.WaitAsync(TimeSpan.FromSeconds(5));

        var last = client.Messages()[^1];
        Assert.Equal(StreamEndTypes.Shutdown, last.Event);
        Assert.Equal(client.Events()[^1].Id, last.Id);
        Assert.Equal(0, feed.Following);
    }

    [Fact]
    public async Task StreamAsync_Idle_HeartbeatComments()
    {
        var feed = Feed(EventStreamOptions.Default with { Heartbeat = TimeSpan.FromMilliseconds(100) });
        var client = new Client();
        using var leave = new CancellationTokenSource();
        var stream = Stream(feed, client, 0, null, leave.Token);

        await AwaitAsync(() => client.Text().Split(": keep-alive").Length > 3);
        await leave.CancelAsync();
        await stream.WaitAsync(Patience);
        Assert.Empty(client.Events());
    }

    [Fact]
    public void TryOpen_AtTheCap_RefusedUntilAStreamCloses()
    {
        var feed = Feed(EventStreamOptions.Default with { MaxSubscribers = 2 });

        Assert.True(feed.TryOpen());
        Assert.True(feed.TryOpen());
        Assert.False(feed.TryOpen());
        feed.Close();
        Assert.True(feed.TryOpen());
        Assert.Equal(2, feed.Streams);
    }

    public new void Dispose()
    {
        _system.Terminate().Wait(Patience);
        _lifetime.Dispose();
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
        base.Dispose();
    }

    private EventFeed Feed(EventStreamOptions? options = null) => new(
        _system,
        new OrchestratorOptions { StateDir = _directory.Path, RunDir = _directory.Path, Socket = "/nonexistent", Events = options ?? EventStreamOptions.Default },
        _lifetime,
        NullLogger<EventFeed>.Instance);

    private static Task Stream(EventFeed feed, Client client, long after, string? sandboxId, CancellationToken leave) =>
        Task.Run(() => feed.StreamAsync(after, sandboxId, new ServerSentEventWriter(client, feed.Options.WriteTimeout, leave), leave));

    /// <summary>Journals <paramref name="count"/> lifecycle events (sandbox.destroying, numbered in their reason) for <paramref name="sandboxId"/>.</summary>
    private void Append(string sandboxId, int count)
    {
        if (!_histories.TryGetValue(sandboxId, out var history))
        {
            _histories[sandboxId] = history = _system.ActorOf(HistoryActor.Props(SandboxSupervisor.PersistenceIdFor(sandboxId, 1)));
        }

        var probe = CreateTestProbe(_system);
        for (var i = 0; i < count; i++)
        {
            var n = _appended.TryGetValue(sandboxId, out var seen) ? seen : 0;
            history.Tell(new HistoryActor.Append(new SandboxDestroyStarted($"destroy {n}")), probe.Ref);
            probe.ExpectMsg<long>(Patience);
            _appended[sandboxId] = n + 1;
        }
    }

    private Task AwaitAsync(Func<bool> condition) => AwaitConditionAsync(() => Task.FromResult(condition()), Patience);

    private static EventResponse Body(ServerSentEvent e) => System.Text.Json.JsonSerializer.Deserialize<EventResponse>(e.Data, ApiJson.Options)!;

    private static void AssertIncreasing(IReadOnlyList<ServerSentEvent> events)
    {
        var positions = events.Select(e => long.Parse(e.Id!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(positions.Distinct().Order(), positions);
    }

    /// <summary>A client's end of the response: records what is written, and can stop reading (its writes then wait).</summary>
    private sealed class Client : Stream
    {
        private readonly Lock _gate = new();
        private readonly MemoryStream _received = new();
        private TaskCompletionSource _reading = Opened();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void StopReading()
        {
            lock (_gate)
            {
                _reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        public void ReadAgain()
        {
            lock (_gate)
            {
                _reading.TrySetResult();
            }
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Task reading;
            lock (_gate)
            {
                reading = _reading.Task;
            }

            await reading.WaitAsync(cancellationToken);
            lock (_gate)
            {
                _received.Write(buffer.Span);
            }
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public string Text()
        {
            lock (_gate)
            {
                return System.Text.Encoding.UTF8.GetString(_received.ToArray());
            }
        }

        public List<ServerSentEvent> Messages()
        {
            using var copy = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Text()));
            return ServerSentEventReader.ReadAsync(copy).ToBlockingEnumerable().ToList();
        }

        public List<ServerSentEvent> Events() => [.. Messages().Where(m => m.Event is not (StreamEndTypes.Dropped or StreamEndTypes.Shutdown))];

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        private static TaskCompletionSource Opened()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }
    }

    private sealed class Lifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => _stopping.Cancel();

        public void Dispose() => _stopping.Dispose();
    }
}
