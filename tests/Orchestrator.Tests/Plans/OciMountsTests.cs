using System.Text.Json;
using Orchestrator.Actors.Plans;

namespace Orchestrator.Tests.Plans;

public class OciMountsTests
{
    [Fact]
    public void Render_CompiledList_IsOciMountsArray()
    {
        var json = OciMounts.Render(GuestMountList.Compile([GuestMount.Bind("/data", "/g/data", readOnly: true)]));

        using var doc = JsonDocument.Parse(json);
        var data = doc.RootElement.EnumerateArray().Single(e => e.GetProperty("destination").GetString() == "/data");
        Assert.Equal("bind", data.GetProperty("type").GetString());
        Assert.Equal("/g/data", data.GetProperty("source").GetString());
        Assert.Equal(["rbind", "ro"], data.GetProperty("options").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(6, doc.RootElement.GetArrayLength());
    }
}
