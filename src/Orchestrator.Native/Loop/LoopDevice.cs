using Orchestrator.Native.Interop;
using Orchestrator.Native.Paths;

namespace Orchestrator.Native.Loop;

/// <summary>
/// An attached loop device, held open. Devices are attached with LO_FLAGS_AUTOCLEAR so that a
/// crash cannot leave one behind: the kernel detaches it when its last opener closes it. The
/// flip side is that this handle must stay open (undisposed) for as long as the device is in
/// use and not yet mounted; a mount holds its own reference.
/// </summary>
public sealed partial class LoopDevice : IDisposable
{
    /// <summary>How many times a free device may be taken by another attacher before giving up.</summary>
    public const int MaxAttachAttempts = 16;

    private readonly FileDescriptorHandle _handle;

    private LoopDevice(FileDescriptorHandle handle, int number, string backingFile, bool readOnly)
    {
        _handle = handle;
        Number = number;
        BackingFile = backingFile;
        ReadOnly = readOnly;
    }

    /// <summary>N in /dev/loopN.</summary>
    public int Number { get; }

    /// <summary>/dev/loopN.</summary>
    public string Path => DevicePath(Number);

    /// <summary>The backing file as the kernel reports it in sysfs.</summary>
    public string BackingFile { get; }

    public bool ReadOnly { get; }

    /// <summary>True once the device was detached or the handle closed.</summary>
    public bool IsClosed => _handle.IsClosed;

    /// <summary>LOOP_CLR_FD, then close. If something else still holds the device (a mount), the
    /// kernel detaches it when that last reference goes.</summary>
    public void Detach()
    {
        if (_handle.IsClosed)
        {
            return;
        }

        var result = Sys.Run(() => LibC.IoctlValue(_handle, LoopIoctls.LOOP_CLR_FD, 0));
        _handle.Dispose();

        // ENXIO: not bound any more (already cleared); the goal is met.
        if (result.Failed && result.Errno != Errno.ENXIO)
        {
            Sys.Check(result, "ioctl(LOOP_CLR_FD)", "", [Path]);
        }
    }

    /// <summary>Closes the handle; with autoclear the device detaches if nothing else holds it.</summary>
    public void Dispose() => _handle.Dispose();

    /// <summary>Detaches a device this process does not hold (recovery): open, LOOP_CLR_FD, close.</summary>
    /// <returns>False when the device was not attached (ENXIO) or does not exist.</returns>
    public static bool Detach(string devicePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(devicePath);
        var open = Sys.Run(() => LibC.Open(devicePath, OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0));
        if (open.Errno is Errno.ENOENT or Errno.ENXIO)
        {
            return false;
        }

        using var handle = new FileDescriptorHandle((int)Sys.Check(open, "open", "O_RDONLY|O_CLOEXEC", [devicePath]));
        var result = Sys.Run(() => LibC.IoctlValue(handle, LoopIoctls.LOOP_CLR_FD, 0));
        if (result.Errno == Errno.ENXIO)
        {
            return false;
        }

        Sys.Check(result, "ioctl(LOOP_CLR_FD)", "", [devicePath]);
        return true;
    }

    internal static string DevicePath(int number) => $"/dev/loop{number}";

    private static string ReadBackingFile(int number, string fallback)
    {
        var info = LoopDevices.TryRead($"/sys/block/loop{number}", number);
        return info?.BackingFile ?? fallback;
    }

    private static FileStatus RequireImage(string resolved)
    {
        var status = FileStat.Stat(resolved);
        if (!status.IsRegularFile && status.Type != FileType.BlockDevice)
        {
            throw new PathRefusedException(resolved, resolved, PathRefusal.UnexpectedType);
        }

        return status;
    }
}
