using System.Collections.Immutable;
using Orchestrator.Actors.Persistence.Serialization;

namespace Orchestrator.Tests.Persistence;

/// <summary>An event with every kind of value an event may carry.</summary>
[EventManifest("test.mount-recorded.v1")]
public sealed record MountRecorded(
    string Target,
    int Index,
    MountKind Kind,
    IReadOnlyList<string> Options,
    ImmutableArray<long> Devices,
    MountSource Source,
    string? Note = null);

/// <summary>A nested value record; not stored on its own, so it needs no manifest.</summary>
public sealed record MountSource(string Path, bool ReadOnly);

/// <summary>A record with init-only properties instead of a positional constructor.</summary>
[EventManifest("test.label-set.v1")]
public sealed record LabelSet
{
    public required string Key { get; init; }

    public string Value { get; init; } = "";

    public ImmutableList<MountKind> Kinds { get; init; } = [];
}

/// <summary>A snapshot of a test actor's state.</summary>
[EventManifest("test.counter-state.v1")]
public sealed record CounterState(long Count, IReadOnlyList<string> Seen);

/// <summary>Stored by an older build; the default registry no longer knows it.</summary>
[EventManifest("test.retired.v1")]
public sealed record RetiredEvent(string Value);

/// <summary>A type someone forgot to give a manifest.</summary>
public sealed record NoManifestEvent(string Value);
