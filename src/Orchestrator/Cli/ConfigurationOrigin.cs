using System.Collections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.FileProviders;

namespace Orchestrator.Cli;

/// <summary>
/// Which source gave a configuration key its value: a journal command names the journal it reads
/// and why, so that a shell missing the server's settings is seen at once instead of reading the
/// default journal in silence.
/// </summary>
public static class ConfigurationOrigin
{
    /// <summary>
    /// <c>Orchestrator:StateDir from --Orchestrator:StateDir</c>, <c>… from ORCHESTRATOR__STATEDIR</c>,
    /// <c>… from /etc/x/appsettings.json</c>, or <c>Orchestrator:StateDir not set: the default</c>.
    /// </summary>
    public static string Describe(IConfiguration configuration, string key)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(key);
        if (configuration is IConfigurationRoot root)
        {
            // Later providers win, as when the configuration itself is read.
            foreach (var provider in root.Providers.Reverse())
            {
                if (provider.TryGet(key, out var value))
                {
                    return string.IsNullOrWhiteSpace(value)
                        ? $"{key} empty in {Source(provider, key)}: the default"
                        : $"{key} from {Source(provider, key)}";
                }
            }
        }

        return $"{key} not set: the default";
    }

    private static string Source(IConfigurationProvider provider, string key) => provider switch
    {
        CommandLineConfigurationProvider => "--" + key,
        EnvironmentVariablesConfigurationProvider => EnvironmentVariable(key),
        FileConfigurationProvider file => FilePath(file.Source),
        _ => provider.ToString() ?? provider.GetType().Name,
    };

    /// <summary>The variable as it is spelt in this environment (names are case-sensitive; the configuration's keys are not).</summary>
    private static string EnvironmentVariable(string key)
    {
        var conventional = key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant();
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && string.Equals(name.Replace("__", ":", StringComparison.Ordinal), key, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return conventional;
    }

    private static string FilePath(FileConfigurationSource source) =>
        source.FileProvider is PhysicalFileProvider physical && source.Path is { } path
            ? Path.Combine(physical.Root, path)
            : source.Path ?? "a configuration file";
}
