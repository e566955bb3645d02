using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Orchestrator.Actors.Persistence.Sql;

/// <summary>
/// Plain ADO.NET connections to the database an Akka.Persistence.Sql plugin section names, for the
/// one-query reads the journal and snapshot store make at start-up beside the plugin's own linq2db.
/// </summary>
internal static class PluginConnections
{
    /// <summary>A connection factory for the section's <c>connection-string</c> and <c>provider-name</c>, or null for a provider read only through the plugin.</summary>
    public static Func<DbConnection>? For(Akka.Configuration.Config pluginConfig)
    {
        ArgumentNullException.ThrowIfNull(pluginConfig);
        var connectionString = pluginConfig.GetString("connection-string");
        var provider = pluginConfig.GetString("provider-name") ?? string.Empty;
        if (string.IsNullOrEmpty(connectionString))
        {
            return null;
        }

        if (provider.StartsWith("SQLite", StringComparison.OrdinalIgnoreCase))
        {
            return () => new SqliteConnection(connectionString);
        }

        return provider.StartsWith("PostgreSQL", StringComparison.OrdinalIgnoreCase)
            ? () => new NpgsqlConnection(connectionString)
            : null;
    }
}
