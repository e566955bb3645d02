using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Events;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Api.Contracts;
using Orchestrator.Hosting;

namespace Orchestrator.Events;

/// <summary>
/// The lifecycle events of the journal for every <c>GET /v1/events</c> client. One live tag query
/// per process (the pump) fans each new event out to the clients' bounded buffers without waiting
/// for any of them, so a client's speed costs the database and the actors nothing. A client first
/// catches up from its own position with a query of its own, then joins the pump: it registers,
/// learns how far the pump has fanned out, catches up to there and skips what it already wrote, so
/// the hand-over neither loses nor repeats an event. The pump starts with the first client.
/// </summary>
internal sealed partial class EventFeed
{
    private readonly ActorSystem _system;
    private readonly EventStreamOptions _options;
    private readonly EventMapping _mapping = new(EventSerialization.DefaultRegistry);
    private readonly ILogger<EventFeed> _log;
    private readonly CancellationToken _stopping;
    private readonly Lock _gate = new();
    private readonly List<EventSubscriber> _live = [];
    private Task<LifecycleJournal>? _journal;
    private Task? _pump;
    private UniqueKillSwitch? _pumpSwitch;
    private long _fannedOut;
    private int _streams;

    public EventFeed(ActorSystem system, OrchestratorOptions options, IHostApplicationLifetime lifetime, ILogger<EventFeed> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(lifetime);
        _system = system;
        _options = options.Events;
        _log = log;
        _stopping = lifetime.ApplicationStopping;
        // A stop ends every stream at once (each says so with a last 'shutdown' message): they are
        // long-lived requests the web server's drain would otherwise wait out.
        _stopping.Register(() => _pumpSwitch?.Shutdown());
    }

    public EventStreamOptions Options => _options;

    /// <summary>Streams open now.</summary>
    public int Streams => Volatile.Read(ref _streams);

    /// <summary>Clients following the live query (past their catch-up).</summary>
    internal int Following
    {
        get
        {
            lock (_gate)
            {
                return _live.Count;
            }
        }
    }

    /// <summary>Takes one of <see cref="EventStreamOptions.MaxSubscribers"/> slots; false when all are taken.</summary>
    public bool TryOpen()
    {
        while (true)
        {
            var open = Volatile.Read(ref _streams);
            if (open >= _options.MaxSubscribers)
            {
                EventFeedLog.Refused(_log, open);
                return false;
            }

            if (Interlocked.CompareExchange(ref _streams, open + 1, open) == open)
            {
                return true;
            }
        }
    }

    /// <summary>Gives back the slot <see cref="TryOpen"/> took.</summary>
    public void Close() => Interlocked.Decrement(ref _streams);

    /// <summary>
    /// Writes every lifecycle event after <paramref name="after"/> (of <paramref name="sandboxId"/>'s,
    /// and service events, when given) and then each new one, until the client leaves, falls too far
    /// behind (a last <c>dropped</c> message) or the service stops (a last <c>shutdown</c> message).
    /// </summary>
    /// <exception cref="EventStreamStalledException">A write stalled: the caller aborts the connection.</exception>
    public async Task StreamAsync(long after, string? sandboxId, ServerSentEventWriter writer, CancellationToken aborted)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var waits = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stopping);
        var follower = new Follower(this, sandboxId, writer, after);
        EventFeedLog.Opened(_log, after, sandboxId ?? "*", Streams);
        string reason;
        try
        {
            reason = await follower.RunAsync(waits.Token).ConfigureAwait(false);
            EventFeedLog.Dropped(_log, follower.Cursor, reason);
            await writer.EndAsync(new StreamEndResponse(StreamEndTypes.Dropped, follower.Cursor, reason)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            reason = "the client left";
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            reason = "the service is stopping";
            await writer.EndAsync(new StreamEndResponse(StreamEndTypes.Shutdown, follower.Cursor, reason)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (EventStreamStalledException or IOException or OperationCanceledException))
        {
            // The journal could not be read (or its rows mapped): end the stream with where to resume;
            // the client's reconnect reads again from there.
            EventFeedLog.JournalReadFailed(_log, follower.Cursor, e);
            reason = "the journal could not be read: " + e.Message;
            await writer.EndAsync(new StreamEndResponse(StreamEndTypes.Dropped, follower.Cursor, reason)).ConfigureAwait(false);
        }
        finally
        {
            follower.Leave();
        }

        EventFeedLog.Closed(_log, follower.Cursor, writer.Written, reason);
    }

    private Task<LifecycleJournal> JournalAsync()
    {
        lock (_gate)
        {
            return _journal ??= LifecycleJournal.OpenAsync(_system);
        }
    }

    private Task PumpAsync(LifecycleJournal journal)
    {
        lock (_gate)
        {
            return _pump ??= StartPumpAsync(journal);
        }
    }

    private async Task StartPumpAsync(LifecycleJournal journal)
    {
        // From the head, not from a client's position: every client catches up to where the pump
        // has fanned out by itself, so the pump never re-reads history, whatever clients ask for.
        var head = await journal.HeadAsync(_stopping).ConfigureAwait(false);
        lock (_gate)
        {
            _fannedOut = head;
        }

        EventFeedLog.Following(_log, head);
        var restarts = RestartSettings.Create(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2);
        var pumpSwitch = RestartSource.OnFailuresWithBackoff(
                () => journal.Live(Volatile.Read(ref _fannedOut)).SelectAsync(1, e => MapAsync(journal, e, CancellationToken.None)),
                restarts)
            .ViaMaterialized(KillSwitches.Single<EventResponse?>(), Keep.Right)
            .To(Sink.ForEach<EventResponse?>(FanOut))
            .Run(journal.Materializer);
        lock (_gate)
        {
            _pumpSwitch = pumpSwitch;
        }

        if (_stopping.IsCancellationRequested)
        {
            pumpSwitch.Shutdown();
        }
    }

    private async Task<EventResponse?> MapAsync(LifecycleJournal journal, EventEnvelope envelope, CancellationToken ct)
    {
        var owner = await journal.OwnerAsync(envelope.PersistenceId, ct).ConfigureAwait(false);
        return _mapping.Map(((Sequence)envelope.Offset).Value, envelope.Timestamp, owner, envelope.Event);
    }

    /// <summary>Offers a new event to every live client; never waits for one.</summary>
    private void FanOut(EventResponse? e)
    {
        if (e is null)
        {
            return;
        }

        lock (_gate)
        {
            // A restarted query reads from the last position fanned out; anything at or below it was.
            if (e.Position <= _fannedOut)
            {
                return;
            }

            _live.RemoveAll(subscriber => !subscriber.Offer(e));
            _fannedOut = e.Position;
        }
    }

    /// <summary>Joins the pump: from now on <paramref name="subscriber"/> is offered every event above the position returned.</summary>
    private long Join(EventSubscriber subscriber)
    {
        lock (_gate)
        {
            _live.Add(subscriber);
            return _fannedOut;
        }
    }

    private void Leave(EventSubscriber subscriber)
    {
        lock (_gate)
        {
            _live.Remove(subscriber);
        }
    }
}
