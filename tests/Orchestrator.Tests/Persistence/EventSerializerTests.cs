using System.Collections.Immutable;
using System.Text;
using Orchestrator.Actors.Persistence.Serialization;

namespace Orchestrator.Tests.Persistence;

public sealed class EventSerializerTests
{
    private readonly EventSerializer _serializer = TestSerializers.Default;

    [Fact]
    public void Serialize_PositionalRecord_RoundTripsEveryValueKind()
    {
        var original = TestSerializers.Mount(4) with { Note = "n", Options = ["bind", "rprivate"] };

        var serialized = _serializer.Serialize(original);
        var copy = Assert.IsType<MountRecorded>(_serializer.Deserialize(serialized.Manifest, serialized.Bytes));

        Assert.Equal("test.mount-recorded.v1", serialized.Manifest);
        Assert.Equal(original.Target, copy.Target);
        Assert.Equal(original.Index, copy.Index);
        Assert.Equal(original.Kind, copy.Kind);
        Assert.Equal(original.Options, copy.Options);
        Assert.Equal(original.Devices.ToArray(), copy.Devices.ToArray());
        Assert.Equal(original.Source, copy.Source);
        Assert.Equal(original.Note, copy.Note);
    }

    [Fact]
    public void Serialize_InitOnlyRecord_RoundTripsImmutableList()
    {
        var original = new LabelSet { Key = "k", Value = "v", Kinds = [MountKind.Nydus] };

        var serialized = _serializer.Serialize(original);
        var copy = Assert.IsType<LabelSet>(_serializer.Deserialize(serialized.Manifest, serialized.Bytes));

        Assert.Equal(original.Key, copy.Key);
        Assert.Equal(original.Value, copy.Value);
        Assert.Equal(original.Kinds, copy.Kinds);
    }

    [Fact]
    public void Serialize_Event_WritesCamelCaseNamesAndEnumNamesButNoTypeName()
    {
        var json = Encoding.UTF8.GetString(_serializer.Serialize(TestSerializers.Mount(1)).Bytes);

        Assert.Contains("\"target\":", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"Block\"", json, StringComparison.Ordinal);
        Assert.Contains("\"devices\":[1,2]", json, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(MountRecorded), json, StringComparison.Ordinal);
        Assert.DoesNotContain("Orchestrator", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_EnumStoredAsNumber_Throws()
    {
        var json = """{"target":"/t","index":1,"kind":1,"options":[],"devices":[],"source":{"path":"/p","readOnly":true}}""";

        Assert.Throws<EventSerializationException>(() => _serializer.Deserialize("test.mount-recorded.v1", Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Deserialize_MissingRequiredProperty_ThrowsNamingManifest()
    {
        var error = Assert.Throws<EventSerializationException>(() => _serializer.Deserialize("test.label-set.v1", "{}"u8));

        Assert.Contains("test.label-set.v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_TypeWithoutManifest_ThrowsNamingTypeAndAttribute()
    {
        var error = Assert.Throws<EventSerializationException>(() => _serializer.Serialize(new NoManifestEvent("x")));

        Assert.Contains(typeof(NoManifestEvent).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("[EventManifest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_AttributedButUnregisteredType_ThrowsSayingToRegisterIt()
    {
        var error = Assert.Throws<EventSerializationException>(() => _serializer.Serialize(new RetiredEvent("x")));

        Assert.Contains("test.retired.v1", error.Message, StringComparison.Ordinal);
        Assert.Contains("not registered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_UnknownManifest_ThrowsNamingIt()
    {
        var error = Assert.Throws<EventSerializationException>(() => _serializer.Deserialize("container.gone.v7", "{}"u8));

        Assert.Contains("'container.gone.v7'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_RenamedTypeKeepingItsManifest_StillReadsOldBytes()
    {
        // What an older build stored for the same manifest, before the class was renamed.
        var stored = Encoding.UTF8.GetBytes("""{"count":3,"seen":["a","b"]}""");
        var renamed = new EventSerializer(new EventManifestRegistryBuilder().Add(typeof(RenamedCounterState), "test.counter-state.v1").Build());

        var state = Assert.IsType<RenamedCounterState>(renamed.Deserialize("test.counter-state.v1", stored));

        Assert.Equal(3, state.Count);
        Assert.Equal(new[] { "a", "b" }, state.Seen.ToArray());
    }

    public sealed record RenamedCounterState(long Count, ImmutableArray<string> Seen);
}
