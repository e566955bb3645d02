using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Persistence.InMemory;
using Orchestrator.Actors.Persistence.Serialization;

namespace Orchestrator.Tests.Persistence;

/// <summary>The snapshot conformance suite against <see cref="InMemorySnapshotStore"/>.</summary>
public sealed class InMemorySnapshotStoreTests : SnapshotStoreConformanceTests
{
    private readonly InMemorySnapshotStorage _storage = new();

    protected override Task<ISnapshotStore> OpenStoreAsync(EventSerializer serializer) =>
        Task.FromResult<ISnapshotStore>(new InMemorySnapshotStore(serializer, _storage));
}
