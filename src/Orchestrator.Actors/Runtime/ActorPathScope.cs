using System.Collections;

namespace Orchestrator.Actors.Runtime;

/// <summary>A structured logging scope with one property, <c>ActorPath</c>.</summary>
internal sealed class ActorPathScope : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly string _path;

    public ActorPathScope(string path)
    {
        _path = path;
    }

    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new KeyValuePair<string, object?>("ActorPath", _path) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "ActorPath:" + _path;
}
