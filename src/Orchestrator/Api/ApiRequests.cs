using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Orchestrator.Api;

/// <summary>
/// Reads request bodies with <see cref="Contracts.ApiJson.Options"/>, turning malformed JSON, a wrong
/// type or an unknown field into a validation problem that names the field.
/// </summary>
internal static partial class ApiRequests
{
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpContext context)
        where T : class
    {
        if (context.Request.ContentLength > Actors.Validation.Limits.MaxRequestBodyBytes)
        {
            return (null, TooLarge());
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            // Counted as it arrives: a chunked body announces no length.
            if (buffer.Length + read > Actors.Validation.Limits.MaxRequestBodyBytes)
            {
                return (null, TooLarge());
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(buffer, Contracts.ApiJson.Options, context.RequestAborted);
            return body is null ? (null, Problems.Validation("body", "a JSON object is required")) : (body, null);
        }
        catch (JsonException e)
        {
            return (null, Problems.Validation(Describe(e)));
        }
    }

    private static IResult TooLarge() =>
        Problems.Validation("body", $"must be at most {Actors.Validation.Limits.MaxRequestBodyBytes} bytes", StatusCodes.Status413PayloadTooLarge);

    private static IEnumerable<Actors.Validation.ValidationProblem> Describe(JsonException e)
    {
        var path = FieldOf(e.Path);
        if (UnknownMember().Match(e.Message) is { Success: true } unknown)
        {
            // The path already ends at the unknown member on some readers and at its parent on others.
            var name = unknown.Groups["name"].Value;
            var field = path.EndsWith(name, StringComparison.Ordinal) ? path : (path == "body" ? name : path + "." + name);
            yield return new(field, "unknown field");
            yield break;
        }

        if (e.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            yield return new(path, "invalid value for this field");
            yield break;
        }

        yield return new(path, e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim());
    }

    private static string FieldOf(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "body" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');

    [GeneratedRegex("The JSON property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex UnknownMember();
}
