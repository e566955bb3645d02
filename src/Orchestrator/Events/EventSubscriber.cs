using System.Threading.Channels;
using Orchestrator.Api.Contracts;

namespace Orchestrator.Events;

/// <summary>
/// One client's live events between the feed, which offers each new event to every client without
/// ever waiting, and the client's writer. The buffer is bounded: when it is full the client has
/// fallen <see cref="EventStreamOptions.BufferSize"/> events behind, gets nothing more, and is
/// dropped once it has written what it holds.
/// </summary>
internal sealed class EventSubscriber(string? sandboxId, int capacity)
{
    private readonly Channel<EventResponse> _buffer = Channel.CreateBounded<EventResponse>(new BoundedChannelOptions(capacity)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public string? SandboxId { get; } = sandboxId;

    public ChannelReader<EventResponse> Reader => _buffer.Reader;

    /// <summary>Set once the buffer overflowed; the writer ends the stream with it after draining.</summary>
    public string? DropReason { get; private set; }

    /// <summary>Buffers <paramref name="e"/> when it passes the client's filter; false once the client is dropped.</summary>
    public bool Offer(EventResponse e)
    {
        if (!EventMapping.Matches(e, SandboxId))
        {
            return true;
        }

        if (_buffer.Writer.TryWrite(e))
        {
            return true;
        }

        DropReason = $"fell more than {capacity} events behind";
        _buffer.Writer.TryComplete();
        return false;
    }
}
