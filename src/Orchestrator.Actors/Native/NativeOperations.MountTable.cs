using System.Diagnostics;
using Orchestrator.Native.MountTables;

namespace Orchestrator.Actors.Native;

public sealed partial class NativeOperations
{
    /// <summary>
    /// How long a parsed table may serve reads when this object changed nothing: bounds how stale
    /// an answer can be after someone else (an operator, another process) changed the table.
    /// </summary>
    private static readonly TimeSpan MaxMountTableAge = TimeSpan.FromSeconds(1);

    private MountPointIndex? _mountTable;
    private long _mountTableReadAt;

    /// <summary>How many mountinfo lines were left out of the tables read so far because they did not parse.</summary>
    public long MountInfoLinesSkipped { get; private set; }

    /// <summary>How many times the mount table was read and parsed (the rest were served from the cache).</summary>
    public long MountTableReads { get; private set; }

    // Recovery asks once per container; parsing the whole table for each of ten thousand
    // containers is quadratic. The table is kept until this object changes it (every request
    // but the read-only ones below drops it) or it grows older than MaxMountTableAge.
    private void ForgetMountTableUnlessReadOnly(INativeRequest request)
    {
        if (request is not (ReadMounts or InspectHostPaths or FindLoop))
        {
            _mountTable = null;
        }
    }

    // Reconciliation asks only about mounts below the run dir, which nothing but this object makes
    // or removes: a table it has not changed since is exact there whatever its age. Without the age
    // limit, recovering ten thousand containers reads the table once instead of once a second
    // (each read of a table of forty thousand mounts takes hundreds of milliseconds on this thread).
    private MountsRead ReadMountsCached(ReadMounts r) => new(CurrentMountTable(ignoreAge: true).AtOrBelow(r.Under));

    /// <summary>
    /// Host path inspection asks for the file system under every source. A mount the cached table
    /// does not know may be newer than the table (made by someone else): read it again once.
    /// </summary>
    private string? FileSystemTypeOf(long mountId)
    {
        if (CurrentMountTable().FileSystemTypeOf(mountId) is { } type)
        {
            return type;
        }

        _mountTable = null;
        return CurrentMountTable().FileSystemTypeOf(mountId);
    }

    private MountPointIndex CurrentMountTable(bool ignoreAge = false)
    {
        if (_mountTable is null || (!ignoreAge && Stopwatch.GetElapsedTime(_mountTableReadAt) > MaxMountTableAge))
        {
            _mountTableReadAt = Stopwatch.GetTimestamp();
            var table = MountInfo.ReadThread();
            _mountTable = new MountPointIndex(table);
            MountTableReads++;
            if (table.Skipped.Count > 0)
            {
                MountInfoLinesSkipped += table.Skipped.Count;
                NativeOperationsLog.MountInfoLinesSkipped(_logger, table.Skipped.Count, table.Skipped[0].ToString());
            }
        }

        return _mountTable;
    }
}
