namespace Orchestrator.Actors.Runtime;

/// <summary>
/// Where an actor sits in its system's hierarchy. <see cref="ToString"/> gives the path alone
/// (<c>/user/sandboxes/s1</c>), the form used in logs; <see cref="ToStringWithAddress"/> prefixes the system.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private readonly string _path;

    private ActorPath(string address, ActorPath? parent, string name, string path)
    {
        Address = address;
        Parent = parent;
        Name = name;
        _path = path;
    }

    /// <summary><c>orchestrator://&lt;system&gt;</c>.</summary>
    public string Address { get; }

    /// <summary>Null for the root.</summary>
    public ActorPath? Parent { get; }

    /// <summary>The last element; empty for the root.</summary>
    public string Name { get; }

    public IReadOnlyList<string> Elements =>
        _path.Length <= 1 ? [] : _path[1..].Split('/');

    internal static ActorPath CreateRoot(string systemName) => new("orchestrator://" + systemName, null, "", "/");

    internal ActorPath Child(string name) =>
        new(Address, this, name, Parent is null ? "/" + name : _path + "/" + name);

    public string ToStringWithAddress() => Address + _path;

    public override string ToString() => _path;

    public bool Equals(ActorPath? other) =>
        other is not null && string.Equals(_path, other._path, StringComparison.Ordinal)
        && string.Equals(Address, other.Address, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ActorPath);

    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(_path), StringComparer.Ordinal.GetHashCode(Address));
}
