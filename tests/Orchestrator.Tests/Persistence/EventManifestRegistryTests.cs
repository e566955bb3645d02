using Orchestrator.Actors.Persistence.Serialization;

namespace Orchestrator.Tests.Persistence;

public sealed class EventManifestRegistryTests
{
    [Fact]
    public void FromAssemblies_TestAssembly_FindsEveryAttributedType()
    {
        var registry = EventManifestRegistry.FromAssemblies(typeof(EventManifestRegistryTests).Assembly);

        Assert.True(registry.TryGetType("test.mount-recorded.v1", out var type));
        Assert.Equal(typeof(MountRecorded), type);
        Assert.True(registry.TryGetManifest(typeof(RetiredEvent), out var manifest));
        Assert.Equal("test.retired.v1", manifest);
        Assert.False(registry.TryGetManifest(typeof(NoManifestEvent), out _));
    }

    [Fact]
    public void Build_OneManifestForTwoTypes_ThrowsNamingBoth()
    {
        var builder = new EventManifestRegistryBuilder().Add(typeof(FirstEvent), "dup.v1");

        var error = Assert.Throws<InvalidOperationException>(() => builder.Add(typeof(SecondEvent), "dup.v1"));

        Assert.Contains("dup.v1", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(FirstEvent), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(SecondEvent), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OneTypeUnderTwoManifests_Throws()
    {
        var builder = new EventManifestRegistryBuilder().Add(typeof(FirstEvent), "first.v1");

        Assert.Throws<InvalidOperationException>(() => builder.Add(typeof(FirstEvent), "first.v2"));
    }

    [Fact]
    public void Add_SameTypeAndManifestTwice_IsHarmless()
    {
        var registry = new EventManifestRegistryBuilder().Add<MountRecorded>().Add<MountRecorded>().Build();

        Assert.Equal(["test.mount-recorded.v1"], registry.Manifests);
    }

    [Fact]
    public void Add_TypeWithoutAttribute_ThrowsSayingToAddIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new EventManifestRegistryBuilder().Add<NoManifestEvent>());

        Assert.Contains("[EventManifest", error.Message, StringComparison.Ordinal);
    }

    private sealed record FirstEvent(string Value);

    private sealed record SecondEvent(string Value);
}
