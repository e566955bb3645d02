using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Persistence.Serialization;

namespace Orchestrator.Tests.Persistence;

/// <summary>The snapshot store contract, written once and run against every <see cref="ISnapshotStore"/>.</summary>
public abstract class SnapshotStoreConformanceTests : IAsyncLifetime
{
    private static readonly DateTime T0 = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private ISnapshotStore? _store;

    protected ISnapshotStore Store => _store ?? throw new InvalidOperationException("The store is not open.");

    protected virtual Task CreateStorageAsync() => Task.CompletedTask;

    protected abstract Task<ISnapshotStore> OpenStoreAsync(EventSerializer serializer);

    protected virtual Task DeleteStorageAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await CreateStorageAsync();
        _store = await OpenStoreAsync(TestSerializers.Default);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        await DeleteStorageAsync();
    }

    private async Task ReopenAsync(EventSerializer serializer)
    {
        await Store.DisposeAsync();
        _store = null;
        _store = await OpenStoreAsync(serializer);
    }

    private static SnapshotMetadata At(long sequenceNr, int hours, string persistenceId = "p") => new(persistenceId, sequenceNr, T0.AddHours(hours));

    private static CounterState State(long count) => new(count, [$"seen-{count}"]);

    /// <summary>Snapshots at 10 (T0+1h), 20 (T0+2h), 30 (T0+3h), saved out of order, plus another id's.</summary>
    private async Task SaveThreeAsync()
    {
        await Store.SaveAsync(At(20, 2), State(20));
        await Store.SaveAsync(At(30, 3), State(30));
        await Store.SaveAsync(At(10, 1), State(10));
        await Store.SaveAsync(At(99, 9, "other"), State(99));
    }

    private async Task<long?> LoadedSequenceNrAsync(SnapshotSelectionCriteria criteria) =>
        (await Store.LoadAsync("p", criteria))?.Metadata.SequenceNr;

    [ConformanceFact]
    public async Task LoadAsync_NoSnapshot_ReturnsNull()
    {
        Assert.Null(await Store.LoadAsync("p", SnapshotSelectionCriteria.Latest));
    }

    [ConformanceFact]
    public async Task LoadAsync_Latest_ReturnsHighestSequenceNrWithItsMetadata()
    {
        await SaveThreeAsync();

        var loaded = await Store.LoadAsync("p", SnapshotSelectionCriteria.Latest);

        Assert.NotNull(loaded);
        Assert.Equal(At(30, 3), loaded.Metadata);
        Assert.Equal(DateTimeKind.Utc, loaded.Metadata.Timestamp.Kind);
        var state = Assert.IsType<CounterState>(loaded.Snapshot);
        Assert.Equal(30, state.Count);
        Assert.Equal(["seen-30"], state.Seen);
    }

    [ConformanceFact]
    public async Task LoadAsync_MaxSequenceNr_ReturnsNewestAtOrBelowIt()
    {
        await SaveThreeAsync();

        Assert.Equal(20, await LoadedSequenceNrAsync(new SnapshotSelectionCriteria(25, DateTime.MaxValue)));
        Assert.Equal(20, await LoadedSequenceNrAsync(new SnapshotSelectionCriteria(20, DateTime.MaxValue)));
        Assert.Null(await LoadedSequenceNrAsync(new SnapshotSelectionCriteria(5, DateTime.MaxValue)));
    }

    [ConformanceFact]
    public async Task LoadAsync_MaxTimestamp_ReturnsNewestAtOrBeforeIt()
    {
        await SaveThreeAsync();

        Assert.Equal(20, await LoadedSequenceNrAsync(new SnapshotSelectionCriteria(long.MaxValue, T0.AddHours(2.5))));
        Assert.Equal(10, await LoadedSequenceNrAsync(new SnapshotSelectionCriteria(long.MaxValue, T0.AddHours(1))));
        Assert.Null(await LoadedSequenceNrAsync(new SnapshotSelectionCriteria(long.MaxValue, T0)));
    }

    [ConformanceFact]
    public async Task LoadAsync_MinimumBounds_ExcludeOlderSnapshots()
    {
        await SaveThreeAsync();

        Assert.Equal(20, await LoadedSequenceNrAsync(new SnapshotSelectionCriteria(25, DateTime.MaxValue, MinSequenceNr: 15)));
        Assert.Null(await LoadedSequenceNrAsync(new SnapshotSelectionCriteria(25, DateTime.MaxValue, MinSequenceNr: 21)));
        Assert.Null(await LoadedSequenceNrAsync(new SnapshotSelectionCriteria(25, DateTime.MaxValue, MinTimestamp: T0.AddHours(2.5))));
    }

    [ConformanceFact]
    public async Task LoadAsync_None_ReturnsNull()
    {
        await SaveThreeAsync();

        Assert.Null(await Store.LoadAsync("p", SnapshotSelectionCriteria.None));
    }

    [ConformanceFact]
    public async Task SaveAsync_SameSequenceNr_ReplacesTheSnapshot()
    {
        await Store.SaveAsync(At(10, 1), State(1));
        await Store.SaveAsync(At(10, 2), State(2));

        var loaded = await Store.LoadAsync("p", SnapshotSelectionCriteria.Latest);

        Assert.Equal(2, Assert.IsType<CounterState>(loaded!.Snapshot).Count);
        Assert.Equal(At(10, 2), loaded.Metadata);
    }

    [ConformanceFact]
    public async Task DeleteAsync_Metadata_DeletesOnlyThatSnapshot()
    {
        await SaveThreeAsync();

        await Store.DeleteAsync(At(20, 5));
        Assert.Equal(20, await LoadedSequenceNrAsync(new SnapshotSelectionCriteria(25, DateTime.MaxValue)));

        await Store.DeleteAsync(At(30, 3));
        await Store.DeleteAsync(new SnapshotMetadata("p", 20, DateTime.MinValue));

        Assert.Equal(10, await LoadedSequenceNrAsync(SnapshotSelectionCriteria.Latest));
        Assert.NotNull(await Store.LoadAsync("other", SnapshotSelectionCriteria.Latest));
    }

    [ConformanceFact]
    public async Task DeleteAsync_Criteria_DeletesMatchingSnapshotsOnly()
    {
        await SaveThreeAsync();

        await Store.DeleteAsync("p", new SnapshotSelectionCriteria(20, DateTime.MaxValue));

        Assert.Equal(30, await LoadedSequenceNrAsync(SnapshotSelectionCriteria.Latest));
        Assert.Null(await LoadedSequenceNrAsync(new SnapshotSelectionCriteria(29, DateTime.MaxValue)));
        Assert.Equal(99, (await Store.LoadAsync("other", SnapshotSelectionCriteria.Latest))?.Metadata.SequenceNr);
    }

    [ConformanceFact]
    public async Task SaveAsync_TypeWithoutManifest_ThrowsNamingTheType()
    {
        var error = await Assert.ThrowsAsync<EventSerializationException>(() => Store.SaveAsync(At(1, 1), new NoManifestEvent("x")));

        Assert.Contains(nameof(NoManifestEvent), error.Message, StringComparison.Ordinal);
        Assert.Null(await Store.LoadAsync("p", SnapshotSelectionCriteria.Latest));
    }

    [ConformanceFact]
    public async Task LoadAsync_UnknownManifest_FailsNamingIt()
    {
        await ReopenAsync(TestSerializers.WithRetired);
        await Store.SaveAsync(At(5, 1), new RetiredEvent("old"));
        await ReopenAsync(TestSerializers.Default);

        var error = await Assert.ThrowsAsync<EventSerializationException>(() => Store.LoadAsync("p", SnapshotSelectionCriteria.Latest));

        Assert.Contains("test.retired.v1", error.Message, StringComparison.Ordinal);
        Assert.Contains("'p'", error.Message, StringComparison.Ordinal);
    }

    [ConformanceFact]
    public async Task DisposeAsync_ThenReopen_ReturnsWhatWasSaved()
    {
        await SaveThreeAsync();

        await ReopenAsync(TestSerializers.Default);

        Assert.Equal(30, await LoadedSequenceNrAsync(SnapshotSelectionCriteria.Latest));
        Assert.Equal(99, (await Store.LoadAsync("other", SnapshotSelectionCriteria.Latest))?.Metadata.SequenceNr);
    }
}
