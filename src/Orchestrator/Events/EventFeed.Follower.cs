using Akka.Persistence.Query;
using Akka.Streams.Dsl;
using Orchestrator.Actors.Events;

namespace Orchestrator.Events;

internal sealed partial class EventFeed
{
    /// <summary>One client's way through the journal: catch up, join the pump, follow it.</summary>
    private sealed class Follower(EventFeed feed, string? sandboxId, ServerSentEventWriter writer, long after)
    {
        private EventSubscriber? _subscriber;

        /// <summary>The highest position written to the client or passed over by its filter: where it resumes.</summary>
        public long Cursor { get; private set; } = after;

        /// <summary>Runs until the client is dropped (the reason is returned) or <paramref name="ct"/> ends it.</summary>
        public async Task<string> RunAsync(CancellationToken ct)
        {
            var journal = await feed.JournalAsync().WaitAsync(ct).ConfigureAwait(false);
            await feed.PumpAsync(journal).WaitAsync(ct).ConfigureAwait(false);

            // Most of a long history is read before joining, so the live buffer only ever holds what
            // arrives during the short second catch-up.
            await CatchUpAsync(journal, ct).ConfigureAwait(false);
            _subscriber = new EventSubscriber(sandboxId, feed._options.BufferSize);
            if (feed.Join(_subscriber) > Cursor)
            {
                // The pump fanned out events this client's first query did not reach yet.
                await CatchUpAsync(journal, ct).ConfigureAwait(false);
            }

            return await FollowAsync(_subscriber, ct).ConfigureAwait(false);
        }

        public void Leave()
        {
            if (_subscriber is not null)
            {
                feed.Leave(_subscriber);
            }
        }

        /// <summary>Writes what the journal holds after <see cref="Cursor"/>, up to its head when the query starts.</summary>
        private async Task CatchUpAsync(LifecycleJournal journal, CancellationToken ct)
        {
            await foreach (var envelope in journal.Current(Cursor).RunAsAsyncEnumerable(journal.Materializer).WithCancellation(ct).ConfigureAwait(false))
            {
                var position = ((Sequence)envelope.Offset).Value;
                if (position <= Cursor)
                {
                    continue;
                }

                if (await feed.MapAsync(journal, envelope, ct).ConfigureAwait(false) is { } e && EventMapping.Matches(e, sandboxId))
                {
                    await writer.EventAsync(e).ConfigureAwait(false);
                }

                Cursor = position;
            }
        }

        private async Task<string> FollowAsync(EventSubscriber subscriber, CancellationToken ct)
        {
            var reader = subscriber.Reader;
            while (true)
            {
                bool more;
                using (var beat = CancellationTokenSource.CreateLinkedTokenSource(ct))
                {
                    beat.CancelAfter(feed._options.Heartbeat);
                    try
                    {
                        more = await reader.WaitToReadAsync(beat.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        await writer.CommentAsync("keep-alive").ConfigureAwait(false);
                        continue;
                    }
                }

                // Completed once the buffer overflowed, and only after what it held was read.
                if (!more)
                {
                    return subscriber.DropReason ?? "the feed stopped";
                }

                while (reader.TryRead(out var e))
                {
                    if (e.Position > Cursor)
                    {
                        await writer.EventAsync(e).ConfigureAwait(false);
                        Cursor = e.Position;
                    }
                }
            }
        }
    }
}
