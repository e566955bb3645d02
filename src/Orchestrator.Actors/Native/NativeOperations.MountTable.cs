using Orchestrator.Native.MountTables;
using Orchestrator.Native.Paths;

namespace Orchestrator.Actors.Native;

public sealed partial class NativeOperations
{
    /// <summary>
    /// How many subtree listings may answer in place of a stale table before it is read again.
    /// Both costs grow with the namespace (listmount walks its mounts in the kernel, a read
    /// formats and parses all of them) and keep their ratio: with 3,500 mounts a whole read and
    /// parse took 21 ms and listing a sandbox (35 mounts) 0.18 ms, with 35,000 mounts 300 ms and
    /// 4.4 ms (the fastest of many runs on a loaded 2-core machine, kernel 6.18). At a third to a
    /// half of that ratio, a run of questions with no change in between costs at most about one
    /// and a half whole reads, and a lone question (one container restarted) one listing.
    /// </summary>
    internal const int SubtreeListingsPerTableRead = 32;

    private MountPointIndex? _mountTable;
    private MountTableWatch? _watch;
    private bool _changedSinceRead;
    private int _listingsSinceRead;

    /// <summary>How many mountinfo lines were left out of the tables read so far because they did not parse.</summary>
    public long MountInfoLinesSkipped { get; private set; }

    /// <summary>How many times the whole mount table was read and parsed.</summary>
    public long MountTableReads { get; private set; }

    /// <summary>How many questions about mounts below a path were answered by listing one subtree (listmount) instead.</summary>
    public long SubtreeListings { get; private set; }

    /// <summary>
    /// Answer every question about mounts from the parsed mountinfo table, as on kernels without
    /// listmount and statmount (before 6.8) or STATX_ATTR_MOUNT_ROOT (before 5.8): keeps that path tested.
    /// </summary>
    internal bool MountTableOnly { get; init; }

    private bool CanAskSingleMounts => !MountTableOnly && MountTree.IsSupported;

    private MountTableWatch Watch => _watch ??= MountTableWatch.OpenThread();

    // Every request but the read-only ones may change the table.
    private void NoteChanges(INativeRequest request)
    {
        if (request is not (ReadMounts or InspectHostPaths or FindLoop or PrepareReconciliation))
        {
            _changedSinceRead = true;
        }
    }

    /// <summary>
    /// What reconciliation asks about a sandbox: the mount points at or below a path under the run
    /// dir. The first time, after a start, the whole table is read: recovery asks once per
    /// container before it changes anything, and one read answers them all.
    /// </summary>
    private IReadOnlyList<string> ReconcileMountPoints(string path) =>
        _mountTable is null ? ReadTable().AtOrBelow(path) : MountPointsAtOrBelow(path);

    /// <summary>
    /// Reads the table ahead of the questions of a reconciliation, unless it has been read already or
    /// <paramref name="under"/> is empty or missing (nothing to reconcile: a fresh node reads nothing).
    /// </summary>
    private bool ReadTableAhead(string under)
    {
        if (_mountTable is not null || !Directory.Exists(under) || !Directory.EnumerateFileSystemEntries(under).Any())
        {
            return false;
        }

        ReadTable();
        return true;
    }

    /// <summary>
    /// The mount points at or below <paramref name="path"/>, a path under the run dir. Mounts there
    /// are made and removed by this object alone, so a table it has not changed since it was read
    /// answers exactly, whatever else changed on the node. After a change the subtree is listed
    /// instead (listmount and statmount: time in proportion to the sandbox's mounts, plus the
    /// kernel's walk of the namespace), and only a run of such questions that costs about as much
    /// as a read makes reading the whole table worth it again.
    /// </summary>
    private IReadOnlyList<string> MountPointsAtOrBelow(string path)
    {
        if (_mountTable is not null && !_changedSinceRead)
        {
            return _mountTable.AtOrBelow(path);
        }

        if (CanAskSingleMounts && _listingsSinceRead < SubtreeListingsPerTableRead && MountTree.MountPointsAtOrBelow(path) is { } listed)
        {
            _listingsSinceRead++;
            SubtreeListings++;
            return listed;
        }

        return ReadTable().AtOrBelow(path);
    }

    /// <summary>
    /// The whole table, for questions about any mount of the namespace (is a disk mounted
    /// anywhere, the type of a mount someone else made): read again whenever the namespace
    /// changed since, which poll(2) on an open mountinfo tells without reading it.
    /// </summary>
    private MountPointIndex WholeTable() =>
        _mountTable is not null && !_changedSinceRead && !Watch.Changed() ? _mountTable : ReadTable();

    /// <summary>
    /// The file system type of the mount holding a source being inspected: asked of that mount
    /// alone where the kernel can (statmount), else looked up by its mountinfo id in the table.
    /// </summary>
    private string? FileSystemTypeOf(string resolvedPath, FileStatus status)
    {
        if (CanAskSingleMounts && MountTree.TryFileSystemTypeAt(resolvedPath, out var type))
        {
            return type;
        }

        return status.MountId is { } mountId ? WholeTable().FileSystemTypeOf(mountId) : null;
    }

    private MountPointIndex ReadTable()
    {
        // Reset the watch before reading: a change from here on shows at the next poll.
        Watch.Changed();
        var table = MountInfo.ReadThread();
        _mountTable = new MountPointIndex(table);
        _changedSinceRead = false;
        _listingsSinceRead = 0;
        MountTableReads++;
        if (table.Skipped.Count > 0)
        {
            MountInfoLinesSkipped += table.Skipped.Count;
            NativeOperationsLog.MountInfoLinesSkipped(_logger, table.Skipped.Count, table.Skipped[0].ToString());
        }

        return _mountTable;
    }
}
