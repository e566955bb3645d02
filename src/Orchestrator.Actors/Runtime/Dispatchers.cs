namespace Orchestrator.Actors.Runtime;

/// <summary>The dispatcher ids accepted by <see cref="Props.WithDispatcher"/>.</summary>
public static class Dispatchers
{
    /// <summary>Mailboxes run on the shared thread pool.</summary>
    public const string DefaultDispatcherId = "default";

    /// <summary>Each actor gets a dedicated OS thread that it never leaves.</summary>
    public const string PinnedDispatcherId = "pinned";

    internal static bool IsKnown(string id) => id is DefaultDispatcherId or PinnedDispatcherId;

    internal static MailboxExecutor CreateExecutor(string id, ActorPath path) =>
        id == PinnedDispatcherId ? new DedicatedThreadExecutor("pinned " + path) : ThreadPoolExecutor.Instance;
}
