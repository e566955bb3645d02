using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Cli;

namespace Orchestrator.Tests.Cli;

public sealed class EventCommandsTests
{
    [Fact]
    public async Task ReadAsync_Stream_MessagesWithFieldsCommentsSkippedDataJoined()
    {
        const string text = ": hello\n\nid: 3\nevent: sandbox.ready\ndata: {\"a\":1}\n\ndata:x\ndata: y\n\n: keep-alive\n\nid: 9\nevent: dropped\ndata: {}\n\nid: 10\nevent: half";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));

        var messages = new List<ServerSentEvent>();
        await foreach (var message in ServerSentEventReader.ReadAsync(stream))
        {
            messages.Add(message);
        }

        Assert.Equal(
            [new ServerSentEvent("3", "sandbox.ready", "{\"a\":1}"), new ServerSentEvent(null, "message", "x\ny"), new ServerSentEvent("9", "dropped", "{}")],
            messages);
    }

    [Fact]
    public void Line_Event_TimePositionTypeSubjectThenDetails()
    {
        var e = JsonNode.Parse("""{"type":"container.destroying","position":26,"time":"2026-11-30T02:28:58.9619371+00:00","sandboxId":"s1","containerId":"c1","reason":"destroy requested","errors":[]}""")!.AsObject();

        Assert.Equal("2026-11-30T02:28:58.961Z       26 container.destroying      s1/c1 reason=\"destroy requested\" errors=[]", EventCommands.Line(e));
    }

    [Fact]
    public void Line_ServiceEvent_NoSubject()
    {
        var e = JsonNode.Parse("""{"type":"service.recovery-finished","position":7,"time":"2026-11-30T02:28:58Z","sandboxes":2,"containers":3,"elapsedMs":120}""")!.AsObject();

        Assert.Equal("2026-11-30T02:28:58.000Z        7 service.recovery-finished - sandboxes=2 containers=3 elapsedMs=120", EventCommands.Line(e));
    }
}
