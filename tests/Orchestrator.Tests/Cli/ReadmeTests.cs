using System.Text.RegularExpressions;
using Orchestrator.Cli;

namespace Orchestrator.Tests.Cli;

/// <summary>
/// The README is what a newcomer follows: every <c>orchestrator …</c> command in its code blocks
/// must parse with the real command line, every section it refers to must exist, and every
/// repository file it names must be there.
/// </summary>
public sealed partial class ReadmeTests
{
    private static readonly string Root = RepositoryRoot();
    private static readonly string Readme = File.ReadAllText(Path.Combine(Root, "README.md"));

    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var command in DocumentedCommands())
        {
            data.Add(command);
        }

        return data;
    }

    private static IEnumerable<string> DocumentedCommands()
    {
        foreach (var line in CodeBlockLines())
        {
            var command = line.Split('#')[0].Trim();
            var at = command.IndexOf("orchestrator ", StringComparison.Ordinal);
            // Only invocations of the binary: at the start of the line, after variable assignments or
            // after `sudo -u <user>`; not paths such as /run/orchestrator/…, nor a group named orchestrator.
            if (at < 0 || command.Contains('|', StringComparison.Ordinal) || !IsInvocationPrefix(command[..at]))
            {
                continue;
            }

            yield return command[(at + "orchestrator ".Length)..];
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Readme_EveryCliCommand_Parses(string commandLine)
    {
        // Configuration overrides (--Orchestrator:Key=value, --config FILE) are taken off the line before parsing, as the binary does.
        var args = ConfigurationArguments.Split(Tokenize(commandLine)).CommandTokens.ToList();
        if (args.Count > 0 && args[0] is "serve")
        {
            // serve passes configuration flags through to the host.
            return;
        }

        var parse = CliApp.Build().Parse(args);

        Assert.True(parse.Errors.Count == 0, $"'orchestrator {commandLine}': {string.Join("; ", parse.Errors.Select(e => e.Message))}");
    }

    [Fact]
    public void Readme_EveryCommandTheCliHas_IsDocumented()
    {
        var documented = DocumentedCommands().ToList();
        var missing = new List<string>();
        foreach (var command in CliApp.Build().Subcommands)
        {
            var paths = command.Subcommands.Count == 0 ? [command.Name] : command.Subcommands.Select(s => $"{command.Name} {s.Name}");
            missing.AddRange(paths.Where(path => !documented.Any(d => d == path || d.StartsWith(path + " ", StringComparison.Ordinal))));
        }

        Assert.True(missing.Count == 0, "commands with no example in the README: " + string.Join(", ", missing));
    }

    [Fact]
    public void Readme_SectionsItRefersTo_Exist()
    {
        var headings = HeadingRegex().Matches(Readme).Select(m => m.Groups[1].Value.Trim()).ToHashSet(StringComparer.Ordinal);
        var referred = SectionReferenceRegex().Matches(Readme).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.NotEmpty(headings);
        Assert.All(referred, section => Assert.True(headings.Contains(section), $"the README refers to a section \"{section}\" it does not have"));
    }

    [Fact]
    public void Readme_RepositoryFilesItNames_Exist()
    {
        var named = RepositoryPathRegex().Matches(Readme).Select(m => m.Groups[1].Value.TrimEnd('.', ',', ')')).Distinct().ToList();

        Assert.NotEmpty(named);
        Assert.All(named, path => Assert.True(File.Exists(Path.Combine(Root, path)) || Directory.Exists(Path.Combine(Root, path)), $"the README names {path}, which is not in the repository"));
    }

    private static bool IsInvocationPrefix(string prefix)
    {
        var words = prefix.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0
            || words.All(w => w.Contains('=', StringComparison.Ordinal))
            || (words.Length == 3 && words[0] == "sudo" && words[1] == "-u");
    }

    private static IEnumerable<string> CodeBlockLines()
    {
        var inBlock = false;
        var continued = string.Empty;
        foreach (var raw in Readme.Split('\n'))
        {
            if (raw.StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
                continue;
            }

            if (!inBlock)
            {
                continue;
            }

            var line = continued + raw.TrimEnd();
            if (line.EndsWith('\\'))
            {
                continued = line[..^1] + " ";
                continue;
            }

            continued = string.Empty;
            yield return line;
        }
    }

    private static List<string> Tokenize(string commandLine)
    {
        var tokens = new List<string>();
        foreach (Match m in TokenRegex().Matches(commandLine))
        {
            tokens.Add(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value : m.Value);
        }

        return tokens;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Orchestrator.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^#+ (.+)$", RegexOptions.Multiline)]
    private static partial Regex HeadingRegex();

    // "see "Security"", "(see "Hosting")", "section "Dependencies"".
    [GeneratedRegex(@"(?:[Ss]ee|section) ""([^""]+)""")]
    private static partial Regex SectionReferenceRegex();

    [GeneratedRegex(@"`((?:src|tests|scripts|deploy|examples)/[^`\s*<>…]+)`")]
    private static partial Regex RepositoryPathRegex();

    [GeneratedRegex("\"([^\"]*)\"|'([^']*)'|\\S+")]
    private static partial Regex TokenRegex();
}
