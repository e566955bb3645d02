namespace Orchestrator.Cli;

/// <summary>
/// The configuration overrides on a command line (<c>--Orchestrator:RunDir=/x</c> or
/// <c>--Orchestrator:RunDir /x</c>: a long option whose name has a colon), taken out before the
/// command is parsed. Every command reads the configuration the service reads, so these may stand
/// anywhere on the line, before or after the command's own arguments.
/// </summary>
public sealed record ConfigurationArguments(IReadOnlyList<string> CommandTokens, IReadOnlyList<string> Overrides)
{
    /// <summary>
    /// Splits <paramref name="args"/>. <see cref="Overrides"/> come out as <c>--Key=value</c>, the form
    /// <see cref="Hosting.OrchestratorOptions.BuildConfiguration"/> reads; tokens after a bare <c>--</c> are
    /// left to the command.
    /// </summary>
    /// <exception cref="CliException">An override without a value.</exception>
    public static ConfigurationArguments Split(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var tokens = new List<string>();
        var overrides = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                tokens.AddRange(args.Skip(i));
                break;
            }

            if (!IsOverride(arg))
            {
                tokens.Add(arg);
                continue;
            }

            if (arg.Contains('=', StringComparison.Ordinal))
            {
                overrides.Add(arg);
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                overrides.Add(arg + "=" + args[++i]);
            }
            else
            {
                throw new CliException(ExitCodes.BadInput, $"{arg} needs a value: {arg}=VALUE or {arg} VALUE");
            }
        }

        return new ConfigurationArguments(tokens, overrides);
    }

    /// <summary>
    /// <c>--Section:Key</c>, with or without <c>=value</c>: a configuration key, never one of the commands'
    /// options; or <c>--config FILE</c>, the file the whole configuration is read from.
    /// </summary>
    public static bool IsOverride(string arg)
    {
        ArgumentNullException.ThrowIfNull(arg);
        if (!arg.StartsWith("--", StringComparison.Ordinal))
        {
            return false;
        }

        if (arg == Hosting.ConfigFile.Flag || Hosting.ConfigFile.IsFlag(arg))
        {
            return true;
        }

        var name = arg.AsSpan(2);
        var equals = name.IndexOf('=');
        if (equals >= 0)
        {
            name = name[..equals];
        }

        var colon = name.IndexOf(':');
        return colon > 0 && colon < name.Length - 1;
    }
}
