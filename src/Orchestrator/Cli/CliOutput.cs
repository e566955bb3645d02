using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Orchestrator.Cli;

/// <summary>
/// How the CLI answers: a human table by default, the server's JSON verbatim with <c>--json</c>,
/// and problems (RFC 9457 bodies) as readable lines on stderr, with the exit code their status maps to.
/// </summary>
public sealed class CliOutput
{
    /// <summary>How wide output is laid out when nothing says otherwise: redirected output has no terminal width, and paths are long.</summary>
    public const int RedirectedWidth = 240;

    private readonly IAnsiConsole _console;

    public CliOutput(bool json, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        Json = json;
        Out = stdout ?? Console.Out;
        Error = stderr ?? Console.Error;
        _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Out) });
        if (ColumnsVariable() is { } columns)
        {
            _console.Profile.Width = columns;
        }
        else if (!ReferenceEquals(Out, Console.Out) || Console.IsOutputRedirected)
        {
            _console.Profile.Width = RedirectedWidth;
        }
    }

    /// <summary>JSON the CLI writes itself: <c>+</c>, <c>&lt;</c>, <c>'</c> and non-ASCII as they are (never embedded in HTML), camelCase.</summary>
    public static System.Text.Json.JsonSerializerOptions JsonOptions { get; } = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public bool Json { get; }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>Prints a successful answer (via <paramref name="human"/> unless --json) or the problem; returns the exit code.</summary>
    public int Print(ApiResponse response, Action<JsonNode, IAnsiConsole> human)
    {
        if (!response.IsSuccess)
        {
            return Problem(response);
        }

        if (Json)
        {
            Out.WriteLine(response.Text);
        }
        else if (response.Body is { } body)
        {
            human(body, _console);
        }

        return ExitCodes.Ok;
    }

    public void Write(Spectre.Console.Rendering.IRenderable renderable) => _console.Write(renderable);

    public int Problem(ApiResponse response)
    {
        if (Json)
        {
            Error.WriteLine(response.Text);
            return ExitCodes.ForStatus(response.Status);
        }

        var body = response.Body as JsonObject;
        var title = body?["title"]?.GetValue<string>() ?? $"HTTP {response.Status}";
        var detail = body?["detail"]?.GetValue<string>();

        // A field-by-field list says everything the detail says, one problem a line.
        Error.WriteLine(detail is null || body?["errors"] is JsonObject ? $"error: {title}" : $"error: {title}: {detail}");
        if (body?["errors"] is JsonObject errors)
        {
            foreach (var (field, messages) in errors)
            {
                foreach (var message in messages as JsonArray ?? [])
                {
                    Error.WriteLine($"  {field}: {message}");
                }
            }
        }
        else if (body?["errors"] is JsonArray list)
        {
            foreach (var message in list)
            {
                Error.WriteLine($"  {message}");
            }
        }

        if (body?["syscall"] is { } syscall)
        {
            Error.WriteLine($"  syscall {syscall}: {body["errno"]} ({string.Join(", ", (body["paths"] as JsonArray ?? []).Select(p => p?.ToString()))})");
        }

        return ExitCodes.ForStatus(response.Status);
    }

    /// <summary>
    /// A table as <c>ps</c> prints one: a header row, two spaces between columns, no border (a border's
    /// blank top and bottom lines and padding cost width and read as gaps). Columns do not wrap unless
    /// a caller allows it for one that holds paths.
    /// </summary>
    public static Table Table(params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var table = new Table().Border(TableBorder.None);
        for (var i = 0; i < columns.Length; i++)
        {
            table.AddColumn(new TableColumn(columns[i]).NoWrap().Padding(0, 0, i == columns.Length - 1 ? 0 : 2, 0));
        }

        return table;
    }

    /// <summary>"1 sandbox", "2 sandboxes", "0 sandboxes".</summary>
    public static string Count(long count, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural ?? singular + "s")}");

    /// <summary>
    /// The terminal width the user asked for with <c>COLUMNS</c> (a shell exports it on request): it wins over
    /// the width the terminal reports, and lays out redirected output too.
    /// </summary>
    private static int? ColumnsVariable() =>
        int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns is >= 20 and <= 1000
            ? columns
            : null;

    /// <summary>A string field for a table cell, markup-escaped; "-" when absent.</summary>
    public static string Cell(JsonNode? node) => node is null ? "-" : Markup.Escape(node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node.ToJsonString());
}
