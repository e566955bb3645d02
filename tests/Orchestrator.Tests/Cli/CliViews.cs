using Spectre.Console;

namespace Orchestrator.Tests.Cli;

/// <summary>A console of a fixed width without colour, as a terminal of that width would show the CLI's text.</summary>
internal static class CliViews
{
    public static string[] Render(int width, Action<IAnsiConsole> write)
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = width;
        write(console);
        return [.. text.ToString().Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0)];
    }
}
