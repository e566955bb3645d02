using System.Text.Json.Nodes;
using Spectre.Console;

namespace Orchestrator.Cli;

/// <summary>
/// How the CLI answers: a human table by default, the server's JSON verbatim with <c>--json</c>,
/// and problems (RFC 9457 bodies) as readable lines on stderr, with the exit code their status maps to.
/// </summary>
public sealed class CliOutput
{
    private readonly IAnsiConsole _console;

    public CliOutput(bool json, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        Json = json;
        Out = stdout ?? Console.Out;
        Error = stderr ?? Console.Error;
        _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Out) });
        if (Console.IsOutputRedirected || stdout is not null)
        {
            // Redirected output has no terminal width; paths are long and must not wrap mid-word.
            _console.Profile.Width = 240;
        }
    }

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

    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(column).NoWrap());
        }

        return table;
    }

    /// <summary>A string field for a table cell, markup-escaped; "-" when absent.</summary>
    public static string Cell(JsonNode? node) => node is null ? "-" : Markup.Escape(node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node.ToJsonString());
}
