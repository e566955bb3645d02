using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Persistence.Sql;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Orchestrator.Cli;

/// <summary>
/// <c>journal show</c> for a person: one line naming the history and its date, then SEQ, TIME
/// (time of day, never wrapped), EVENT (the manifest, never wrapped) and DATA, the payload as
/// <c>key=value</c> pairs that wrap inside their own column, whatever the width.
/// </summary>
public static class JournalEventTable
{
    private const string TimeOfDay = "HH:mm:ss.fff";
    private const string DateAndTime = "yyyy-MM-dd HH:mm:ss.fff";

    // The stored shape (camelCase, enums by name), printed without escaping '+' or non-ASCII.
    private static readonly JsonSerializerOptions PayloadOptions = new(EventSerializer.CreateOptions())
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The options <c>journal show --json</c> prints stored events with.</summary>
    public static JsonSerializerOptions JsonOptions => PayloadOptions;

    public static IRenderable Render(string persistenceId, IReadOnlyList<StoredEvent> events)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(events);
        // At 80 columns every character not spent on SEQ, TIME and EVENT goes to DATA.
        var table = CliOutput.Table("SEQ", "TIME", "EVENT", "DATA");
        table.Columns[0].RightAligned();
        table.Columns[3].NoWrap = false;

        DateTime? previous = null;
        foreach (var e in events)
        {
            // The date is in the heading; a row repeats it only where the history crosses midnight.
            var time = previous is { } p && p.Date != e.Timestamp.Date ? DateAndTime : TimeOfDay;
            table.AddRow(
                new Text(e.SequenceNr.ToString(CultureInfo.InvariantCulture)),
                new Text(e.Timestamp.ToString(time, CultureInfo.InvariantCulture)),
                new Text(e.Manifest),
                new Text(Summary(e.Payload)));
            previous = e.Timestamp;
        }

        return new Rows(new Text(Heading(persistenceId, events)), table);
    }

    /// <summary>The payload as <c>key=value</c> pairs: nested members dotted, list items indexed; nulls, false flags and empty lists left out.</summary>
    public static string Summary(object payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var pairs = new List<string>();
        Flatten(JsonSerializer.SerializeToNode(payload, payload.GetType(), PayloadOptions), string.Empty, pairs);
        return pairs.Count == 0 ? "-" : string.Join(' ', pairs);
    }

    private static string Heading(string persistenceId, IReadOnlyList<StoredEvent> events)
    {
        var count = CliOutput.Count(events.Count, "event");
        if (events.Count == 0)
        {
            return $"{persistenceId}: {count}";
        }

        var first = events[0].Timestamp.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var last = events[^1].Timestamp.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"{persistenceId}: {count}, {(first == last ? first : first + " to " + last)} (times in UTC)";
    }

    private static void Flatten(JsonNode? node, string key, List<string> pairs)
    {
        switch (node)
        {
            case null:
                return;
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    Flatten(value, key.Length == 0 ? name : key + "." + name, pairs);
                }

                return;
            case JsonArray array when array.All(item => item is JsonValue):
                if (array.Count > 0)
                {
                    pairs.Add(key + "=" + string.Join(',', array.Select(Scalar)));
                }

                return;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Flatten(array[i], string.Create(CultureInfo.InvariantCulture, $"{key}[{i}]"), pairs);
                }

                return;
            case JsonValue flag when flag.GetValueKind() == JsonValueKind.False:
                // Off is every flag's default; the ones that are on say more in less space.
                return;
            default:
                pairs.Add(key + "=" + Scalar(node));
                return;
        }
    }

    /// <summary>A string as it is unless it would run into the next pair (a space, a quote, nothing at all); then quoted.</summary>
    private static string Scalar(JsonNode? node)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            var plain = text.Length > 0 && !text.Any(c => char.IsWhiteSpace(c) || c is '"' or ',' || char.IsControl(c));
            return plain ? text : JsonSerializer.Serialize(text, PayloadOptions);
        }

        return node?.ToJsonString(PayloadOptions) ?? "null";
    }
}
