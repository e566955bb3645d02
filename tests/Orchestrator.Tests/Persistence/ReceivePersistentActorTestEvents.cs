using System.Collections.Immutable;
using Orchestrator.Actors.Persistence.Serialization;

namespace Orchestrator.Tests.Persistence;

/// <summary>The event of the persistent test actors.</summary>
[EventManifest("test.actor.item-added.v1")]
public sealed record ItemAdded(string Item);

/// <summary>The snapshot of the persistent test actors.</summary>
[EventManifest("test.actor.items-snapshot.v1")]
public sealed record ItemsSnapshot(ImmutableList<string> Items);
