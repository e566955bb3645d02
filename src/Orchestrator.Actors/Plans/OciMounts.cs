using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Actors.Plans;

/// <summary>Renders a compiled mount list as the <c>mounts</c> array of an OCI runtime spec.</summary>
public static class OciMounts
{
    public static JsonArray ToJson(IEnumerable<GuestMount> mounts)
    {
        ArgumentNullException.ThrowIfNull(mounts);
        var array = new JsonArray();
        foreach (var m in mounts)
        {
            array.Add(new JsonObject
            {
                ["destination"] = m.Destination,
                ["type"] = m.Type,
                ["source"] = m.Source,
                ["options"] = new JsonArray(m.Options.Select(o => (JsonNode?)JsonValue.Create(o)).ToArray()),
            });
        }

        return array;
    }

    public static string Render(IEnumerable<GuestMount> mounts) =>
        ToJson(mounts).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
