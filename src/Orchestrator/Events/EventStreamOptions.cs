namespace Orchestrator.Events;

/// <summary>
/// The limits of <c>GET /v1/events</c> (<c>Orchestrator:Events:*</c>): how many clients may follow at
/// once, how far one may fall behind, and how long a write may stall, so that slow or stuck clients
/// cost bounded memory and never slow the actors.
/// </summary>
/// <param name="MaxSubscribers">Streams open at once; one more is answered 503 with Retry-After.</param>
/// <param name="BufferSize">Live events held per client while it reads; a client that falls further behind is dropped.</param>
/// <param name="WriteTimeout">How long one write to a client may take before it is dropped (its socket is full and it is not reading).</param>
/// <param name="Heartbeat">How often an idle stream gets a comment line, so proxies and clients see it is alive.</param>
public sealed record EventStreamOptions(int MaxSubscribers, int BufferSize, TimeSpan WriteTimeout, TimeSpan Heartbeat)
{
    public static EventStreamOptions Default { get; } = new(64, 1024, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15));

    /// <summary>What a refused client is told to wait before it tries again.</summary>
    public static TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(5);
}
