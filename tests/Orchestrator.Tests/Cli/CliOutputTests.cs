using System.Text.Json;
using Orchestrator.Cli;

namespace Orchestrator.Tests.Cli;

public sealed class CliOutputTests
{
    [Theory]
    [InlineData(0, "0 sandboxes")]
    [InlineData(1, "1 sandbox")]
    [InlineData(2, "2 sandboxes")]
    public void Count_Number_SingularOnlyForOne(long count, string expected) =>
        Assert.Equal(expected, CliOutput.Count(count, "sandbox", "sandboxes"));

    [Fact]
    public void JsonOptions_PlusAndNonAscii_AsThemselves()
    {
        var json = JsonSerializer.Serialize(new { At = new DateTimeOffset(2026, 11, 30, 2, 20, 5, TimeSpan.Zero), Path = "/srv/données" }, CliOutput.JsonOptions);

        Assert.Equal("""{"at":"2026-11-30T02:20:05+00:00","path":"/srv/données"}""", json);
    }

    [Fact]
    public void JournalJsonOptions_StoredShapeWithPlusAsItself()
    {
        var json = JsonSerializer.Serialize(new Orchestrator.Actors.Resources.ResourceStarted("k+1", Orchestrator.Actors.Resources.ResourceKind.Bind, Orchestrator.Actors.Resources.ResourceRole.HostMount, "/t", null, false), JournalEventTable.JsonOptions);

        Assert.Equal("""{"key":"k+1","kind":"Bind","role":"HostMount","target":"/t","source":null,"readOnly":false,"containerPath":null,"blockIndex":null}""", json);
    }
}
