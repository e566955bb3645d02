using Orchestrator.Native.Interop;

namespace Orchestrator.Native.Loop;

public sealed partial class LoopDevice
{
    /// <summary>
    /// Opens a device that is already attached to <paramref name="backingFile"/> and holds it, as
    /// <see cref="Attach"/> would have: after a restart the new process must hold the devices of
    /// running containers again, or autoclear would detach them at the last close elsewhere.
    /// </summary>
    /// <returns>The held device, or null when no device is attached to that file.</returns>
    public static LoopDevice? Adopt(string backingFile, string sysfsRoot = "/sys")
    {
        ArgumentException.ThrowIfNullOrEmpty(backingFile);
        foreach (var info in LoopDevices.FindByBackingFile(backingFile, sysfsRoot))
        {
            var access = info.ReadOnly ? OpenFlags.O_RDONLY : OpenFlags.O_RDWR;
            var open = Sys.Run(() => LibC.Open(info.DevicePath, access | OpenFlags.O_CLOEXEC, 0));
            if (open.Errno is Errno.ENOENT or Errno.ENXIO)
            {
                // Detached between the sysfs read and the open: look at the next candidate.
                continue;
            }

            var handle = new FileDescriptorHandle((int)Sys.Check(open, "open", info.ReadOnly ? "O_RDONLY|O_CLOEXEC" : "O_RDWR|O_CLOEXEC", [info.DevicePath]));

            // Holding it now; make sure it still serves the same file (the number may have been reused).
            var now = LoopDevices.TryRead($"{sysfsRoot}/block/loop{info.Number}", info.Number);
            if (now is not null && now.BackingFile == info.BackingFile)
            {
                return new LoopDevice(handle, info.Number, info.BackingFile, info.ReadOnly);
            }

            handle.Dispose();
        }

        return null;
    }
}
