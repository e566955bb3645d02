using System.Data.Common;
using Akka.Persistence.Sql.Snapshot;

namespace Orchestrator.Actors.Persistence.Sql;

/// <summary>
/// Akka.Persistence.Sql's snapshot store, told at start-up which persistence ids have a snapshot at
/// all: every persistent actor asks for its latest snapshot before it replays, and for the many
/// that never saved one the answer is known without a query per actor (one query in all instead).
/// An id saved or deleted since start-up is asked about as usual.
/// </summary>
public sealed class StartupSnapshotSqlStore : SqlSnapshotStore
{
    private readonly Func<DbConnection>? _connect;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private Task<HashSet<string>>? _withSnapshots;

    /// <summary>Called by Akka with the plugin's configuration section.</summary>
    public StartupSnapshotSqlStore(Akka.Configuration.Config snapshotConfig)
        : base(snapshotConfig)
    {
        _connect = PluginConnections.For(snapshotConfig);
    }

    /// <inheritdoc />
    protected override async Task<Akka.Persistence.SelectedSnapshot?> LoadAsync(string persistenceId, Akka.Persistence.SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        Task<HashSet<string>>? known = null;
        if (_connect is not null)
        {
            lock (_gate)
            {
                if (!_changed.Contains(persistenceId))
                {
                    known = _withSnapshots ??= Task.Run(ScanAsync, CancellationToken.None);
                }
            }
        }

        if (known is not null && !(await known.ConfigureAwait(false)).Contains(persistenceId))
        {
            return null;
        }

        return await base.LoadAsync(persistenceId, criteria, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override Task SaveAsync(Akka.Persistence.SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        Changed(metadata.PersistenceId);
        return base.SaveAsync(metadata, snapshot, cancellationToken);
    }

    /// <inheritdoc />
    protected override Task DeleteAsync(Akka.Persistence.SnapshotMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        Changed(metadata.PersistenceId);
        return base.DeleteAsync(metadata, cancellationToken);
    }

    /// <inheritdoc />
    protected override Task DeleteAsync(string persistenceId, Akka.Persistence.SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        Changed(persistenceId);
        return base.DeleteAsync(persistenceId, criteria, cancellationToken);
    }

    private void Changed(string persistenceId)
    {
        lock (_gate)
        {
            _changed.Add(persistenceId);
        }
    }

    private async Task<HashSet<string>> ScanAsync()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var connection = _connect!();
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "SELECT DISTINCT persistence_id FROM snapshot";
                var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync().ConfigureAwait(false))
                    {
                        ids.Add(reader.GetString(0));
                    }
                }
            }
        }

        return ids;
    }
}
