using System.Buffers;
using Orchestrator.Actors.Runtime.Supervision;

namespace Orchestrator.Actors.Runtime;

internal sealed partial class ActorCell
{
    private const string RandomNameAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+~";

    private static readonly SearchValues<char> NameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.*$+:@&=,!~';");

    // Guards _children: top-level actors are created from outside the guardian's turn, and a stopping
    // child frees its name itself so that it can be reused as soon as its watchers hear of its death.
    private readonly Lock _childrenLock = new();
    private Dictionary<string, ChildRestartStats>? _children;
    private long _nextRandomName;

    public IActorRef ActorOf(Props props, string? name = null) => CreateChild(props, name).Self;

    internal ActorCell CreateChild(Props props, string? name, bool start = true)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is not null)
        {
            ValidateName(name);
        }

        ActorCell child;
        lock (_childrenLock)
        {
            if (_isTerminating)
            {
                throw new InvalidOperationException($"Cannot create a child of [{_self.Path}]: it is stopping.");
            }

            name ??= NextRandomName();
            _children ??= new Dictionary<string, ChildRestartStats>(StringComparer.Ordinal);
            if (_children.ContainsKey(name))
            {
                throw new InvalidActorNameException($"Actor name [{name}] is not unique under [{_self.Path}].");
            }

            child = new ActorCell(_system, _self.Path.Child(name), props, _self);
            _children.Add(name, new ChildRestartStats(child.SelfRef));
        }

        if (start)
        {
            child.Start();
        }

        return child;
    }

    public IActorRef Child(string name)
    {
        lock (_childrenLock)
        {
            return _children is not null && _children.TryGetValue(name, out var stats) ? stats.Child : ActorRefs.Nobody;
        }
    }

    public IReadOnlyList<IActorRef> GetChildren()
    {
        lock (_childrenLock)
        {
            return _children is { Count: > 0 } children ? [.. children.Values.Select(static c => c.Child)] : [];
        }
    }

    public void Stop(IActorRef actor)
    {
        if (actor is not IInternalActorRef target)
        {
            return;
        }

        lock (_childrenLock)
        {
            if (TryGetChildStats(actor, out var stats))
            {
                stats.IsStopping = true;
            }
        }

        target.Stop();
    }

    /// <summary>Called by a child once it has stopped, before anyone is told: its name is free again.</summary>
    internal void RemoveChild(LocalActorRef child)
    {
        lock (_childrenLock)
        {
            if (TryGetChildStats(child, out _))
            {
                _children!.Remove(child.Path.Name);
            }
        }
    }

    private static void ValidateName(string name)
    {
        if (name.Length == 0)
        {
            throw new InvalidActorNameException("Actor name must not be empty.");
        }

        if (name[0] == '$')
        {
            throw new InvalidActorNameException($"Actor name [{name}] must not start with '$': such names are generated.");
        }

        var invalid = name.AsSpan().IndexOfAnyExcept(NameChars);
        if (invalid >= 0)
        {
            throw new InvalidActorNameException($"Actor name [{name}] contains the illegal character '{name[invalid]}'.");
        }
    }

    private string NextRandomName()
    {
        var n = _nextRandomName++;
        var chars = new List<char>(8) { '$' };
        do
        {
            chars.Add(RandomNameAlphabet[(int)(n & 63)]);
            n >>= 6;
        }
        while (n != 0);
        return new string([.. chars]);
    }

    private bool TryGetChildStats(IActorRef actor, out ChildRestartStats stats)
    {
        if (_children is not null && _children.TryGetValue(actor.Path.Name, out var found) && ReferenceEquals(found.Child, actor))
        {
            stats = found;
            return true;
        }

        stats = null!;
        return false;
    }

    private ChildRestartStats? FindChildStats(IActorRef actor)
    {
        lock (_childrenLock)
        {
            return TryGetChildStats(actor, out var stats) ? stats : null;
        }
    }

    private List<ChildRestartStats> ChildStatsSnapshot()
    {
        lock (_childrenLock)
        {
            return _children is { Count: > 0 } children ? [.. children.Values] : [];
        }
    }

    private int ChildCount
    {
        get
        {
            lock (_childrenLock)
            {
                return _children?.Count ?? 0;
            }
        }
    }

    private bool AnyChildStopping()
    {
        lock (_childrenLock)
        {
            return _children is not null && _children.Values.Any(static c => c.IsStopping);
        }
    }

    private void SendToChildren(Func<SystemMessage> message)
    {
        foreach (var child in ChildStatsSnapshot())
        {
            child.Child.SendSystemMessage(message());
        }
    }
}
