using System.Globalization;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Actors.Resources;
using Orchestrator.Cli;

namespace Orchestrator.Tests.Cli;

public sealed class JournalEventTableTests
{
    private const string PersistenceId = "container/s1/1/c1/17";
    private static readonly DateTime Start = new(2026, 11, 30, 23, 59, 58, 120, DateTimeKind.Utc);

    // A history shaped like a real one: a create request with a long spec, paths far wider than
    // an 80-column terminal leaves for DATA, an error message with spaces, and a day boundary.
    private static readonly IReadOnlyList<StoredEvent> Events =
    [
        Event(1, 0, "container.create-requested.v1", new ContainerCreateRequested("s1",
            new ContainerSpec("c1", new RootfsSpec(RootfsKind.Bind, "/var/lib/images/registry.example.com/library/application-server/rootfs"),
                [new MountSpec("/srv/data/tenants/customer-with-a-long-name/volumes/config", "/etc/application/config", ReadOnly: true)], []),
            [])),
        Event(2, 7, "resource.started.v1", new ResourceStarted("mount:/etc/application/config", ResourceKind.Bind, ResourceRole.HostMount,
            "/run/orchestrator/sandboxes/s1/mounts/c1-bd47413b5c03dfc6-config", "/srv/data/tenants/customer-with-a-long-name/volumes/config", true, "/etc/application/config")),
        Event(3, 2_500, "resource.failed.v1", new ResourceFailed("mount:/etc/application/config",
            new NativeError("mount", "EBUSY", ["/run/orchestrator/sandboxes/s1/mounts/c1-bd47413b5c03dfc6-config"], "mount src=/srv/data, dst=/run/x: EBUSY (Device or resource busy)"))),
        Event(4, 2_845, "resource.undone.v1", new ResourceUndone("mount:/etc/application/config", UndoOutcome.AlreadyGone)),
    ];

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    [InlineData(240)]
    public void Render_AnyWidth_NoLineWiderAndEveryTimeAndEventOnOneLine(int width)
    {
        var lines = Render(width);

        Assert.All(lines, line => Assert.True(line.Length <= width, $"{line.Length} > {width}: {line}"));
        foreach (var e in Events)
        {
            var time = e.Timestamp.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
            Assert.Single(lines, line => line.Contains(" " + time + " ", StringComparison.Ordinal) && line.Contains(" " + e.Manifest + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Render_HistoryAcrossMidnight_DateInTheHeadingAndWhereItChanges()
    {
        var lines = Render(120);

        Assert.Equal($"{PersistenceId}: 4 events, 2026-11-30 to 2026-12-01 (times in UTC)", lines[0]);
        Assert.Contains(lines, line => line.Contains(" 23:59:58.120 ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains(" 2026-12-01 00:00:00.620 ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains(" 00:00:00.965 ", StringComparison.Ordinal) && !line.Contains("2026-12-01", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_Wide_DataAsKeyValuePairsOnTheEventsRow()
    {
        var row = Assert.Single(Render(240), line => line.Contains("resource.undone.v1", StringComparison.Ordinal));

        Assert.EndsWith("key=mount:/etc/application/config how=AlreadyGone attempts=1", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_NestedListsNullsFlagsAndSpaces_DottedIndexedAndQuoted()
    {
        var failed = JournalEventTable.Summary(Events[2].Payload);
        var requested = JournalEventTable.Summary(Events[0].Payload);

        Assert.Equal(
            "key=mount:/etc/application/config error.syscall=mount error.errno=EBUSY error.paths=/run/orchestrator/sandboxes/s1/mounts/c1-bd47413b5c03dfc6-config "
            + "error.message=\"mount src=/srv/data, dst=/run/x: EBUSY (Device or resource busy)\"",
            failed);
        Assert.Contains("spec.mounts[0].destination=/etc/application/config spec.mounts[0].type=bind spec.mounts[0].readOnly=true", requested, StringComparison.Ordinal);
        Assert.DoesNotContain("null", requested, StringComparison.Ordinal);
        Assert.DoesNotContain("=false", requested, StringComparison.Ordinal);
        Assert.DoesNotContain("spec.volumes", requested, StringComparison.Ordinal);
    }

    private static StoredEvent Event(long sequenceNr, int afterMs, string manifest, object payload) =>
        new(PersistenceId, sequenceNr, manifest, Start.AddMilliseconds(afterMs), payload);

    private static string[] Render(int width) => CliViews.Render(width, console => console.Write(JournalEventTable.Render(PersistenceId, Events)));
}
