using System.Buffers;
using System.Text;
using Orchestrator.Native.Interop;
using Orchestrator.Native.Paths;

namespace Orchestrator.Native.MountTables;

/// <summary>
/// Questions about one mount or one subtree, answered by statmount(2) and listmount(2) (since 6.8)
/// in the calling thread's mount namespace, instead of reading the namespace's whole mountinfo:
/// with tens of thousands of mounts on a node that text is megabytes, formatted by the kernel and
/// parsed here on every read. Every method answers <c>false</c> or null when the kernel lacks the
/// calls; the caller then falls back to <see cref="MountInfo"/>.
/// </summary>
/// <remarks>
/// Both calls take the 64-bit unique mount id (statx with STATX_MNT_ID_UNIQUE), which the kernel
/// never reuses; the 32-bit id of mountinfo field (1) is not accepted. listmount returns every
/// descendant of a mount, not only its children, in the order of their ids. It walks the
/// namespace's mounts in the kernel to find them (about 0.1 µs a mount, measured on 6.18), which
/// is still a small fraction of what formatting and parsing the same mounts as text costs.
/// </remarks>
public static class MountTree
{
    // A page of ids per call; a sandbox holds a few dozen mounts.
    private const int IdsPerCall = 512;

    // The fixed part and room for two paths; a longer answer is asked again with the size needed.
    private const int StatmountBufferSize = StatmountHeader.StringsOffset + (2 * 4096);

    /// <summary>True until the kernel turns out to lack listmount, statmount or unique mount ids.</summary>
    public static bool IsSupported => MountApi.HasListmount;

    /// <summary>
    /// The file system type of the mount holding <paramref name="path"/> (symlinks followed, as
    /// stat does): one statx and one statmount. False when the kernel cannot answer this way;
    /// true with a null type when the path is gone.
    /// </summary>
    /// <exception cref="NativeCallException">A call failed with something other than ENOSYS.</exception>
    public static bool TryFileSystemTypeAt(string path, out string? fileSystemType)
    {
        fileSystemType = null;
        if (!IsSupported)
        {
            return false;
        }

        // The mount may be unmounted between the two calls; the next statx then finds the one now there.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (FileStat.MountOf(path, followLastSymlink: true) is not { } mount)
            {
                return true;
            }

            if (UniqueIdOrUnsupported(mount.UniqueId) is not { } id || !TryDescribe(id, LibC.STATMOUNT_FS_TYPE, out var description))
            {
                return false;
            }

            if (description is not null)
            {
                fileSystemType = description.FileSystemType;
                return true;
            }
        }

        return true;
    }

    /// <summary>
    /// Every mount point at or below <paramref name="path"/> (compared by whole components): the
    /// path itself first when it is one, then the others in the order of their mounts' ids, the
    /// order they were made in; null when the kernel cannot answer this way. A missing path has
    /// nothing mounted below it. Callers that unmount sort deepest first.
    /// </summary>
    /// <remarks>
    /// When the path is a mount point, its lowest mount and every descendant of it are listed: a
    /// mount stacked on another is the other's child. Otherwise the mount holding the path is
    /// listed and filtered by mount point. Mounts hidden in the file system under the path by a
    /// mount made on the path later are not found (mountinfo would list them); nothing can reach
    /// them by path, and the orchestrator mounts below its own mount points only once they exist.
    /// </remarks>
    /// <exception cref="NativeCallException">A call failed with something other than ENOSYS.</exception>
    public static IReadOnlyList<string>? MountPointsAtOrBelow(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!IsSupported)
        {
            return null;
        }

        var clean = PathComponents.CleanAbsolute(path);
        if (FileStat.MountOf(clean, followLastSymlink: false) is not { } mount)
        {
            return [];
        }

        if (UniqueIdOrUnsupported(mount.UniqueId) is not { } id)
        {
            return null;
        }

        var found = new List<string>();
        var top = id;
        if (mount.IsMountRoot == true)
        {
            if (LowestMountAt(clean, id) is not { } lowest)
            {
                return null;
            }

            top = lowest;
            found.Add(clean);
        }

        if (Descendants(top) is not { } descendants)
        {
            return null;
        }

        foreach (var descendant in descendants)
        {
            if (!TryDescribe(descendant, LibC.STATMOUNT_MNT_POINT, out var description))
            {
                return null;
            }

            // Null: unmounted since it was listed.
            if (description?.MountPoint is { } mountPoint && mountPoint.StartsWith('/') && PathComponents.IsAtOrBelow(mountPoint, clean))
            {
                found.Add(mountPoint);
            }
        }

        return found;
    }

    /// <summary>
    /// statmount of <paramref name="mountId"/> with the STATMOUNT_* groups in <paramref name="mask"/>
    /// (its parent always). False when the kernel lacks statmount; <paramref name="description"/>
    /// is null when no such mount is in this namespace (it was unmounted).
    /// </summary>
    internal static unsafe bool TryDescribe(ulong mountId, ulong mask, out MountDescription? description)
    {
        description = null;
        var size = StatmountBufferSize;
        while (true)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                fixed (byte* pointer = buffer)
                {
                    var request = new MntIdReq { Size = MntIdReq.SizeVer0, MountId = mountId, Param = mask | LibC.STATMOUNT_MNT_BASIC };
                    var requestPointer = &request;
                    var length = (nuint)buffer.Length;
                    var target = pointer;
                    var result = Sys.Run(() => LibC.Statmount(LibC.SYS_statmount, requestPointer, target, length, 0));
                    if (MountApi.LacksListmount(result))
                    {
                        return false;
                    }

                    if (result.Errno == Errno.ENOENT)
                    {
                        return true;
                    }

                    if (result.Errno == Errno.EOVERFLOW)
                    {
                        size = buffer.Length * 2;
                        continue;
                    }

                    Sys.Check(result, "statmount", Names(mask), [], detail: "mnt_id=" + mountId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    var header = (StatmountHeader*)pointer;
                    description = new MountDescription(
                        header->MountId,
                        header->ParentId,
                        (header->Mask & LibC.STATMOUNT_MNT_POINT) != 0 ? String(pointer, buffer.Length, header->MountPoint) : null,
                        (header->Mask & LibC.STATMOUNT_FS_TYPE) != 0 ? String(pointer, buffer.Length, header->FsType) : null);
                    return true;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    // Walks down a stack of mounts on one point: each was mounted on the root of the one below,
    // which is its parent and has the same mount point. Null when the kernel lacks statmount.
    private static ulong? LowestMountAt(string mountPoint, ulong top)
    {
        var current = top;
        while (true)
        {
            if (!TryDescribe(current, 0, out var here))
            {
                return null;
            }

            if (here is null || here.ParentId == here.Id)
            {
                return current;
            }

            if (!TryDescribe(here.ParentId, LibC.STATMOUNT_MNT_POINT, out var below))
            {
                return null;
            }

            if (below?.MountPoint != mountPoint)
            {
                return current;
            }

            current = below.Id;
        }
    }

    // Every descendant of the mount (listmount pages through them by id). Null without listmount.
    private static unsafe List<ulong>? Descendants(ulong mountId)
    {
        var all = new List<ulong>();
        var ids = new ulong[IdsPerCall];
        var last = 0UL;
        while (true)
        {
            long count;
            fixed (ulong* pointer = ids)
            {
                var request = new MntIdReq { Size = MntIdReq.SizeVer0, MountId = mountId, Param = last };
                var requestPointer = &request;
                var target = pointer;
                var result = Sys.Run(() => LibC.Listmount(LibC.SYS_listmount, requestPointer, target, IdsPerCall, 0));
                if (MountApi.LacksListmount(result))
                {
                    return null;
                }

                count = Sys.Check(result, "listmount", "", [], detail: "mnt_id=" + mountId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            for (var i = 0; i < count; i++)
            {
                all.Add(ids[i]);
            }

            if (count < IdsPerCall)
            {
                return all;
            }

            last = ids[count - 1];
        }
    }

    private static ulong? UniqueIdOrUnsupported(ulong? id)
    {
        if (id is null)
        {
            MountApi.NoUniqueMountIds();
        }

        return id;
    }

    // The kernel ends every string with a NUL inside the size it wrote; the search stays inside the buffer all the same.
    private static unsafe string? String(byte* buffer, int length, uint offset)
    {
        var start = StatmountHeader.StringsOffset + (long)offset;
        if (start >= length)
        {
            return null;
        }

        var text = new ReadOnlySpan<byte>(buffer + start, (int)(length - start));
        var end = text.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? text : text[..end]);
    }

    private static string Names(ulong mask) => string.Join('|', new[]
    {
        (LibC.STATMOUNT_MNT_BASIC, "STATMOUNT_MNT_BASIC"),
        (LibC.STATMOUNT_MNT_POINT, "STATMOUNT_MNT_POINT"),
        (LibC.STATMOUNT_FS_TYPE, "STATMOUNT_FS_TYPE"),
    }.Where(f => ((mask | LibC.STATMOUNT_MNT_BASIC) & f.Item1) != 0).Select(f => f.Item2));
}
