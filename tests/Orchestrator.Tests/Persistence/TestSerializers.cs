using Orchestrator.Actors.Persistence.Serialization;

namespace Orchestrator.Tests.Persistence;

/// <summary>The serializers the persistence tests use.</summary>
public static class TestSerializers
{
    /// <summary>Knows every test type except <see cref="RetiredEvent"/>.</summary>
    public static EventSerializer Default { get; } = new(
        EventManifestRegistry.FromTypes(typeof(MountRecorded), typeof(LabelSet), typeof(CounterState)));

    /// <summary>The "older build" that still writes <see cref="RetiredEvent"/>.</summary>
    public static EventSerializer WithRetired { get; } = new(
        EventManifestRegistry.FromTypes(typeof(MountRecorded), typeof(LabelSet), typeof(CounterState), typeof(RetiredEvent)));

    public static MountRecorded Mount(int index) => new(
        $"/run/orchestrator/sandboxes/s1/mounts/c{index}/rootfs",
        index,
        (MountKind)(index % 3),
        ["bind", "ro"],
        [index, index + 1L],
        new MountSource($"/var/lib/images/{index}", ReadOnly: index % 2 == 0));
}
