using Microsoft.Extensions.Configuration;

namespace Orchestrator.Hosting;

/// <summary>
/// The configuration file an operator names (<c>--config FILE</c>, else <c>ORCHESTRATOR_CONFIG</c>): the
/// systemd unit points the service at <c>/etc/orchestrator/appsettings.json</c> this way. A named file must
/// exist: a typo in the path must not start the service on defaults.
/// </summary>
internal static class ConfigFile
{
    public const string EnvironmentVariable = "ORCHESTRATOR_CONFIG";

    public const string Flag = "--config";

    /// <summary>Where the name came from (<c>--config</c> or <c>ORCHESTRATOR_CONFIG</c>) and the absolute path.</summary>
    public sealed record Named(string Source, string Path);

    /// <summary>The named file, or null when none is named (an empty <c>ORCHESTRATOR_CONFIG</c> names none).</summary>
    public static Named? Find(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == Flag)
            {
                return i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                    ? Resolve(Flag, args[i + 1])
                    : throw new ConfigurationProblemException(Flag, "needs a file name");
            }

            if (IsFlag(args[i]))
            {
                return Resolve(Flag, args[i][(Flag.Length + 1)..]);
            }
        }

        return Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment
            ? Resolve(EnvironmentVariable, fromEnvironment)
            : null;
    }

    /// <summary>Whether <paramref name="argument"/> is <c>--config=FILE</c>.</summary>
    public static bool IsFlag(string argument) => argument.StartsWith(Flag + "=", StringComparison.Ordinal);

    /// <summary>
    /// Adds the named file when one is named, else <c>appsettings.json</c> beside the binary and then in the
    /// current directory (both optional). Returns the named file, if any.
    /// </summary>
    public static Named? AddFiles(ConfigurationBuilder builder, string[] args)
    {
        if (Find(args) is { } named)
        {
            // A named file is the only file read: layering it over the shipped defaults would let a key the
            // operator deleted from it come back from a file they never look at.
            Add(builder, named);
            return named;
        }

        var besideBinary = System.IO.Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        builder.AddJsonFile(besideBinary, optional: true, reloadOnChange: false);
        var inCurrentDirectory = System.IO.Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json");
        if (!string.Equals(System.IO.Path.GetFullPath(inCurrentDirectory), System.IO.Path.GetFullPath(besideBinary), StringComparison.Ordinal))
        {
            builder.AddJsonFile(inCurrentDirectory, optional: true, reloadOnChange: false);
        }

        return null;
    }

    private static void Add(ConfigurationBuilder builder, Named file)
    {
        if (!File.Exists(file.Path))
        {
            throw new ConfigurationProblemException(file.Source, Directory.Exists(file.Path)
                ? $"'{file.Path}' is a directory, not a configuration file"
                : $"configuration file '{file.Path}' does not exist");
        }

        builder.AddJsonFile(file.Path, optional: false, reloadOnChange: false);
    }

    /// <summary>
    /// Builds the configuration; a file that is not valid JSON or cannot be read becomes one line naming
    /// the setting that named it (<paramref name="named"/>), else the file.
    /// </summary>
    public static IConfiguration Build(ConfigurationBuilder builder, Named? named)
    {
        try
        {
            return builder.Build();
        }
        catch (InvalidDataException e)
        {
            // "Failed to load configuration from file '…'." wrapping the parser's line and position.
            var innermost = e.GetBaseException().Message;
            throw new ConfigurationProblemException(named?.Source ?? "appsettings.json", (e.Message + " " + innermost).ReplaceLineEndings(" "));
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new ConfigurationProblemException(named?.Source ?? "appsettings.json", "cannot read the configuration file: " + e.Message);
        }
    }

    private static Named Resolve(string source, string path) =>
        path.Length == 0 || path.Contains('\0', StringComparison.Ordinal)
            ? throw new ConfigurationProblemException(source, "needs a file name")
            : new Named(source, System.IO.Path.GetFullPath(path));
}
