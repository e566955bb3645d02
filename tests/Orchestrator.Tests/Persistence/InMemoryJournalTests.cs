using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Persistence.InMemory;
using Orchestrator.Actors.Persistence.Serialization;

namespace Orchestrator.Tests.Persistence;

/// <summary>The journal conformance suite against <see cref="InMemoryJournal"/>; a restart reuses the backing rows.</summary>
public sealed class InMemoryJournalTests : JournalConformanceTests
{
    private readonly InMemoryJournalStorage _storage = new();

    protected override Task<IJournal> OpenJournalAsync(EventSerializer serializer) =>
        Task.FromResult<IJournal>(new InMemoryJournal(serializer, _storage));
}
