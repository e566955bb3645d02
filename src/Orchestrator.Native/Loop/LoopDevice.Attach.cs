using Orchestrator.Native.Interop;
using Orchestrator.Native.Paths;

namespace Orchestrator.Native.Loop;

public sealed partial class LoopDevice
{
    /// <summary>
    /// Attaches <paramref name="imageFile"/> (symlinks resolved) to a free loop device with
    /// LO_FLAGS_AUTOCLEAR (and LO_FLAGS_READ_ONLY), retrying when another attacher takes the free
    /// device first. Keep the returned handle open while the device is in use.
    /// </summary>
    /// <exception cref="NativeCallException">The image cannot be opened, or no device could be bound.</exception>
    public static LoopDevice Attach(string imageFile, bool readOnly)
    {
        ArgumentException.ThrowIfNullOrEmpty(imageFile);
        if (!imageFile.StartsWith('/'))
        {
            throw new ArgumentException($"the image must be an absolute path, got '{imageFile}'", nameof(imageFile));
        }

        var resolved = FileStat.RealPath(imageFile);
        RequireImage(resolved);
        var access = readOnly ? OpenFlags.O_RDONLY : OpenFlags.O_RDWR;
        var accessName = readOnly ? "O_RDONLY" : "O_RDWR";

        // The kernel takes its own reference to the backing file; ours can close after binding.
        using var backing = OpenOrThrow(resolved, access | OpenFlags.O_CLOEXEC, accessName + "|O_CLOEXEC");
        using var control = OpenOrThrow("/dev/loop-control", OpenFlags.O_RDWR | OpenFlags.O_CLOEXEC, "O_RDWR|O_CLOEXEC");
        var flags = LoopIoctls.LO_FLAGS_AUTOCLEAR | (readOnly ? LoopIoctls.LO_FLAGS_READ_ONLY : 0);

        var lastErrno = Errno.None;
        var lastPath = "";
        for (var attempt = 0; attempt < MaxAttachAttempts; attempt++)
        {
            var number = (int)Sys.Check(
                () => LibC.IoctlValue(control, LoopIoctls.LOOP_CTL_GET_FREE, 0), "ioctl(LOOP_CTL_GET_FREE)", "", "/dev/loop-control");
            lastPath = DevicePath(number);
            var device = Sys.Run(() => LibC.Open(lastPath, access | OpenFlags.O_CLOEXEC, 0));
            if (device.Errno == Errno.ENOENT)
            {
                // devtmpfs has not created the node yet, or it was removed in between: take another.
                lastErrno = device.Errno;
                continue;
            }

            var handle = new FileDescriptorHandle((int)Sys.Check(device, "open", accessName + "|O_CLOEXEC", [lastPath]));
            var bound = Bind(handle, backing, resolved, flags, lastPath);
            if (!bound.Failed)
            {
                return new LoopDevice(handle, number, ReadBackingFile(number, resolved), readOnly);
            }

            handle.Dispose();
            if (bound.Errno != Errno.EBUSY)
            {
                Sys.Check(bound, "ioctl(LOOP_CONFIGURE)", FlagNames(flags), [lastPath, resolved], ["device", "file"]);
            }

            // EBUSY: another attacher bound this device between GET_FREE and our ioctl.
            lastErrno = bound.Errno;
        }

        throw Sys.Error(lastErrno, $"ioctl(LOOP_CONFIGURE) after {MaxAttachAttempts} attempts", FlagNames(flags),
            [lastPath, resolved], ["device", "file"]);
    }

    private static unsafe SyscallResult Bind(FileDescriptorHandle device, FileDescriptorHandle backing, string file, uint flags, string devicePath)
    {
        var config = default(LoopConfig);
        config.Fd = (uint)backing.Fd;
        config.Info.Flags = flags;
        WriteFileName(ref config.Info, file);
        var configPointer = &config;
        var configured = Sys.Run(() => LibC.IoctlPointer(device, LoopIoctls.LOOP_CONFIGURE, configPointer));
        if (configured.Errno is not (Errno.EINVAL or Errno.ENOTTY or Errno.ENOSYS))
        {
            return configured;
        }

        // Before 5.8 there is no LOOP_CONFIGURE: bind with LOOP_SET_FD, then set the flags. A
        // crash between the two leaves a device without autoclear; there is no better way there.
        var setFd = Sys.Run(() => LibC.IoctlValue(device, LoopIoctls.LOOP_SET_FD, backing.Fd));
        if (setFd.Failed)
        {
            return setFd;
        }

        var info = config.Info;
        info.Flags &= ~LoopIoctls.LO_FLAGS_READ_ONLY; // not settable; read-only comes from the O_RDONLY backing fd
        var infoPointer = &info;
        var status = Sys.Run(() => LibC.IoctlPointer(device, LoopIoctls.LOOP_SET_STATUS64, infoPointer));
        if (status.Failed)
        {
            Sys.Run(() => LibC.IoctlValue(device, LoopIoctls.LOOP_CLR_FD, 0));
            Sys.Check(status, "ioctl(LOOP_SET_STATUS64)", FlagNames(flags), [devicePath, file], ["device", "file"]);
        }

        return status;
    }

    private static unsafe void WriteFileName(ref LoopInfo64 info, string file)
    {
        // lo_file_name is informational (LOOP_GET_STATUS64); sysfs reports the real path. Keep
        // the last 63 bytes, where the distinguishing part of a long path is.
        var bytes = System.Text.Encoding.UTF8.GetBytes(file);
        var start = Math.Max(0, bytes.Length - (LoopIoctls.LO_NAME_SIZE - 1));
        fixed (byte* name = info.FileName)
        {
            for (var i = start; i < bytes.Length; i++)
            {
                name[i - start] = bytes[i];
            }
        }
    }

    private static FileDescriptorHandle OpenOrThrow(string path, int flags, string flagNames) =>
        new((int)Sys.Check(() => LibC.Open(path, flags, 0), "open", flagNames, path));

    private static string FlagNames(uint flags) =>
        (flags & LoopIoctls.LO_FLAGS_READ_ONLY) != 0 ? "LO_FLAGS_AUTOCLEAR|LO_FLAGS_READ_ONLY" : "LO_FLAGS_AUTOCLEAR";
}
