using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Orchestrator.Api.Contracts;

/// <summary>
/// The one set of JSON options of the API, shared by the server and its clients: camelCase members,
/// enums as strings (camelCase unless the enum spells a value itself, e.g. <c>virtiofs</c>, <c>9p</c>),
/// absent rather than null optional members, and unknown members rejected, because a misspelt field
/// that is silently ignored (<c>readonly</c> for <c>readOnly</c>) would mount something writable.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Copies the API's settings onto <paramref name="options"/> (for ASP.NET Core's own JSON options).</summary>
    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        // The default encoder escapes '+' (a version's build metadata, a "+00:00" offset), '<', '>', '&',
        // apostrophes and all non-ASCII for HTML pages; these answers are never embedded in HTML.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        Apply(options);
        options.MakeReadOnly();
        return options;
    }
}
