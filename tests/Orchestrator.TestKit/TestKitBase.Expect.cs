using Orchestrator.Actors.Runtime;
using Xunit.Sdk;

namespace Orchestrator.TestKit;

public abstract partial class TestKitBase
{
    /// <summary>The next message must be a <typeparamref name="T"/>.</summary>
    public T ExpectMsg<T>(TimeSpan? timeout = null) => ExpectMsg<T>(static _ => true, timeout, "");

    /// <summary>The next message must be a <typeparamref name="T"/> equal to <paramref name="expected"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null)
    {
        var max = RemainingOrDilated(timeout);
        var envelope = TakeOne(max)
            ?? throw new XunitException($"Timeout ({max}) while waiting for {Describe(expected)}: no message arrived.");
        if (envelope.Message is T actual && Equals(actual, expected))
        {
            return actual;
        }

        throw new XunitException($"Expected {Describe(expected)} but received {Describe(envelope.Message)} from {envelope.Sender.Path}.");
    }

    /// <summary>The next message must be a <typeparamref name="T"/> for which <paramref name="isMessage"/> holds.</summary>
    public T ExpectMsg<T>(Predicate<T> isMessage, TimeSpan? timeout = null) => ExpectMsg(isMessage, timeout, " matching the predicate");

    /// <summary>Nothing may arrive for <paramref name="duration"/> (dilated); the full span is waited.</summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        var max = Dilated(duration);
        var envelope = TakeOne(max);
        if (envelope is { } unexpected)
        {
            throw new XunitException($"Expected no message for {max} but received {Describe(unexpected.Message)} from {unexpected.Sender.Path}.");
        }
    }

    public void ExpectNoMsg() => ExpectNoMsg(RemainingOrDefault);

    /// <summary>The next message must be the <see cref="Terminated"/> of <paramref name="target"/> (watch it first).</summary>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var max = RemainingOrDilated(timeout);
        var envelope = TakeOne(max)
            ?? throw new XunitException($"Timeout ({max}) while waiting for Terminated of {target.Path}: no message arrived. Was it watched?");
        if (envelope.Message is Terminated terminated && ReferenceEquals(terminated.ActorRef, target))
        {
            return terminated;
        }

        throw new XunitException($"Expected Terminated of {target.Path} but received {Describe(envelope.Message)}.");
    }

    /// <summary>Skips messages until one is a <typeparamref name="T"/> for which <paramref name="isMessage"/> holds.</summary>
    public T FishForMessage<T>(Predicate<T> isMessage, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(isMessage);
        var max = RemainingOrDilated(timeout);
        var end = Now + max;
        var skipped = new List<string>();
        while (true)
        {
            var envelope = TakeOne(end - Now);
            if (envelope is null)
            {
                var seen = skipped.Count == 0 ? "nothing arrived" : "skipped " + string.Join(", ", skipped);
                throw new XunitException($"Timeout ({max}) while fishing for a {typeof(T).Name} matching the predicate: {seen}.");
            }

            if (envelope.Value.Message is T typed && isMessage(typed))
            {
                return typed;
            }

            skipped.Add(Describe(envelope.Value.Message));
        }
    }

    /// <summary>Takes the next message, whatever it is, or returns null when none arrives within <paramref name="max"/> (dilated).</summary>
    public object? ReceiveOne(TimeSpan? max = null) => TakeOne(RemainingOrDilated(max))?.Message;

    /// <summary>Takes the next <paramref name="count"/> messages, whatever they are.</summary>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var max = RemainingOrDilated(timeout);
        var end = Now + max;
        var received = new List<object>(count);
        while (received.Count < count)
        {
            var envelope = TakeOne(end - Now)
                ?? throw new XunitException($"Timeout ({max}) while waiting for {count} messages: received {received.Count} ({string.Join(", ", received.Select(Describe))}).");
            received.Add(envelope.Message);
        }

        return received;
    }

    private T ExpectMsg<T>(Predicate<T> isMessage, TimeSpan? timeout, string condition)
    {
        ArgumentNullException.ThrowIfNull(isMessage);
        var max = RemainingOrDilated(timeout);
        var envelope = TakeOne(max)
            ?? throw new XunitException($"Timeout ({max}) while waiting for a message of type {typeof(T).Name}{condition}: no message arrived.");
        if (envelope.Message is not T typed)
        {
            throw new XunitException($"Expected a message of type {typeof(T).Name}{condition} but received {Describe(envelope.Message)} from {envelope.Sender.Path}.");
        }

        if (!isMessage(typed))
        {
            throw new XunitException($"Expected a message of type {typeof(T).Name}{condition} but received {Describe(typed)}, which does not match.");
        }

        return typed;
    }

    private static string Describe(object? message) =>
        message is null ? "null" : $"{message.GetType().Name} [{message}]";
}
