using Orchestrator.Native.Interop;

namespace Orchestrator.Native.Mounting;

public static partial class Mounts
{
    /// <summary>
    /// True when a read-only bind is made read-only on a detached clone before it is attached
    /// (open_tree since 5.2, mount_setattr since 5.12): no staging mount point is needed then.
    /// </summary>
    public static bool ReadOnlyBindNeedsNoStaging => MountApi.HasOpenTree && MountApi.HasMountSetattr;

    /// <summary>
    /// open_tree(OPEN_TREE_CLONE) of the source descriptor, made read-only in every mount of the
    /// clone with mount_setattr while it is still detached, then move_mount onto the target
    /// descriptor. The detached clone plays the staging mount's part: it is private to this
    /// descriptor and born read-only, so every copy propagation makes of it is read-only too.
    /// Null when the kernel lacks one of the calls (nothing was mounted); the caller falls back.
    /// </summary>
    private static unsafe FileDescriptorHandle? AttachClone(
        FileDescriptorHandle source, string sourcePath, FileDescriptorHandle target, string targetPath, bool readOnly, bool recursive)
    {
        var flags = LibC.OPEN_TREE_CLONE | LibC.OPEN_TREE_CLOEXEC | (uint)LibC.AT_EMPTY_PATH | (recursive ? LibC.AT_RECURSIVE : 0);
        var opened = Sys.Run(() => LibC.OpenTree(LibC.SYS_open_tree, source, "", flags));
        if (MountApi.LacksOpenTree(opened))
        {
            return null;
        }

        Sys.Check(opened, "open_tree", "OPEN_TREE_CLONE|AT_EMPTY_PATH" + (recursive ? "|AT_RECURSIVE" : ""), [sourcePath]);
        var tree = new FileDescriptorHandle((int)opened.Value);
        try
        {
            if (readOnly && !MakeReadOnly(tree, sourcePath))
            {
                // Closing a clone that was never attached unmounts it: nothing is left behind.
                tree.Dispose();
                return null;
            }

            var moved = Sys.Run(() => LibC.MoveMount(LibC.SYS_move_mount, tree, "", target, "", LibC.MOVE_MOUNT_F_EMPTY_PATH | LibC.MOVE_MOUNT_T_EMPTY_PATH));
            Sys.Check(moved, "move_mount", "MOVE_MOUNT_F_EMPTY_PATH|MOVE_MOUNT_T_EMPTY_PATH", [sourcePath, targetPath], ["src", "dst"]);
            return tree;
        }
        catch (Exception)
        {
            tree.Dispose();
            throw;
        }
    }

    // mount_setattr(AT_RECURSIVE, MOUNT_ATTR_RDONLY) on the whole detached clone; false without mount_setattr (before 5.12).
    private static unsafe bool MakeReadOnly(FileDescriptorHandle tree, string sourcePath)
    {
        var attr = new MountAttr { AttrSet = LibC.MOUNT_ATTR_RDONLY };
        var pointer = &attr;
        var result = Sys.Run(() => LibC.MountSetattr(LibC.SYS_mount_setattr, tree, "", (uint)LibC.AT_EMPTY_PATH | LibC.AT_RECURSIVE, pointer, (nuint)sizeof(MountAttr)));
        if (MountApi.LacksMountSetattr(result))
        {
            return false;
        }

        Sys.Check(result, "mount_setattr", "AT_EMPTY_PATH|AT_RECURSIVE, MOUNT_ATTR_RDONLY", [sourcePath]);
        return true;
    }

    /// <summary>
    /// The fallback without open_tree (before 5.2): mount(2) with both ends given as
    /// <c>/proc/self/fd/N</c>, which the kernel resolves to exactly the opened files. Returns a
    /// path that reaches the new mount through the parent's descriptor.
    /// </summary>
    private static string BindThroughProc(FileDescriptorHandle source, string sourcePath, MountPointHandles mountPoint, string targetPath, bool recursive)
    {
        var flags = MountFlags.Bind | (recursive ? MountFlags.Recursive : MountFlags.None);
        var result = Sys.Run(() => LibC.Mount(MountApi.ProcFdPath(source), MountApi.ProcFdPath(mountPoint.Handle), null, (nuint)(ulong)flags, null));
        Sys.Check(result, "mount", MountFlagNames.Format(flags), [sourcePath, targetPath], ["src", "dst"]);
        return MountApi.ProcFdPath(mountPoint.Parent) + "/" + mountPoint.Name;
    }
}
