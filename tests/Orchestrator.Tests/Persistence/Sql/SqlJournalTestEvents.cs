using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Persistence.Sql;

namespace Orchestrator.Tests.Persistence.Sql;

/// <summary>A test actor's event.</summary>
[EventManifest("test.sql.counted.v1")]
public sealed record Counted(int Value);

/// <summary>A test actor's snapshot.</summary>
[EventManifest("test.sql.counter-state.v1")]
public sealed record CounterSnapshot(IReadOnlyList<int> Values);

/// <summary>The registry the Akka journal tests run with: the orchestrator's events and the test actor's.</summary>
public static class SqlJournalTestRegistry
{
    public static EventManifestRegistry Instance { get; } = Build();

    private static EventManifestRegistry Build()
    {
        var builder = new EventManifestRegistryBuilder().AddAssembly(typeof(EventJsonSerializer).Assembly);
        builder.Add<Counted>().Add<CounterSnapshot>();
        return builder.Build();
    }
}
