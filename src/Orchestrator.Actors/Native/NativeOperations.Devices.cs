using Orchestrator.Native.HostPaths;
using Orchestrator.Native.Loop;
using Orchestrator.Native.Nydus;
using Orchestrator.Native.Paths;

namespace Orchestrator.Actors.Native;

public sealed partial class NativeOperations
{
    private LoopAttached Attach(AttachLoop r)
    {
        var device = LoopDevice.Attach(r.Image, r.ReadOnly);
        _loops[device.Path] = device;
        return new LoopAttached(r.Image, device.Path);
    }

    private LoopDetached Detach(DetachLoop r)
    {
        if (_loops.Remove(r.Device, out var held))
        {
            held.Detach();
            return new LoopDetached(r.Device, true);
        }

        // Not held here (a restart in between): detach only if it still serves this image, so a
        // device number reused by someone else is never touched.
        var attached = LoopDevices.FindByBackingFile(r.Image).Any(d => d.DevicePath == r.Device);
        return new LoopDetached(r.Device, attached && LoopDevice.Detach(r.Device));
    }

    private LoopFound Find(FindLoop r)
    {
        var held = _loops.Values.FirstOrDefault(d => d.BackingFile == r.Image && !d.IsClosed);
        if (held is not null)
        {
            return new LoopFound(r.Image, held.Path);
        }

        var adopted = LoopDevice.Adopt(r.Image);
        if (adopted is null)
        {
            return new LoopFound(r.Image, null);
        }

        _loops[adopted.Path] = adopted;
        return new LoopFound(r.Image, adopted.Path);
    }

    private InspectedPath Inspect(string source)
    {
        if (!FileStat.TryLstat(source, out _))
        {
            return new InspectedPath(source, source, HostPathKind.Plain, false, false, false, $"'{source}' does not exist");
        }

        // Classification runs on the resolved path: a lexical check of the given one is bypassed
        // by a link such as /tmp/evil -> / with source /tmp/evil/proc.
        var classified = HostPathClassifier.Classify(source, FileSystemTypeOf);
        var status = FileStat.Stat(classified.ResolvedPath);
        // /proc and /sys are classified as system paths, which the container's plan never shares
        // (a mount is skipped, a rootfs refused): the policy answers for everything else.
        var refusal = classified.Kind == HostPathKind.System
            ? null
            : _sourcePolicy.Refusal(new SourceFacts(classified.ResolvedPath, status.Type, IsMountedOnHost(classified.ResolvedPath, status)));
        if (refusal is not null)
        {
            NativeOperationsLog.SourceRefused(_logger, source, refusal);
        }

        return new InspectedPath(source, classified.ResolvedPath, classified.Kind, status.Type == FileType.Directory,
            status.Type == FileType.BlockDevice, classified.Watchable, refusal);
    }

    // At bind time, on what the descriptor about to be mounted really is: the policy again, so a
    // path changed since inspection cannot slip through.
    private Action<string, FileStatus> CheckSource(string target) => (resolved, status) =>
    {
        if (_sourcePolicy.BindRefusal(new SourceFacts(resolved, status.Type), target) is { } refusal)
        {
            NativeOperationsLog.SourceRefused(_logger, resolved, refusal);
            throw new SourceRefusedException(resolved, refusal);
        }
    };

    // A block device with a file system of it in the mount table, or an image file backing a loop
    // device that is: either is a disk the host uses.
    private bool IsMountedOnHost(string path, FileStatus status)
    {
        // Any mount of the namespace may hold the disk, so only these two questions need the
        // whole table (read again only when the namespace changed since it was read); a
        // directory or any other source needs none.
        if (status.Type == FileType.BlockDevice)
        {
            return WholeTable().HasDevice(status.RdevMajor, status.RdevMinor);
        }

        if (status.Type != FileType.RegularFile)
        {
            return false;
        }

        var devices = LoopDevices.FindByBackingFile(path)
            .Select(d => FileStat.TryLstat(d.DevicePath, out var device) ? device : null)
            .OfType<FileStatus>()
            .ToList();
        if (devices.Count == 0)
        {
            return false;
        }

        var table = WholeTable();
        return devices.Any(d => table.HasDevice(d.RdevMajor, d.RdevMinor));
    }

    private NydusMounted NydusMountInstance(NydusMount r)
    {
        Client(r.ApiSocket).Mount(r.MountPoint, NydusMountRequest.ForRafs(r.Bootstrap, r.Config));
        return new NydusMounted(r.MountPoint);
    }

    private NydusUnmounted NydusUnmountInstance(NydusUnmount r) =>
        new(r.MountPoint, Client(r.ApiSocket).Unmount(r.MountPoint) == NydusUnmountResult.Unmounted);

    private NydusClient Client(string apiSocket)
    {
        if (!_nydus.TryGetValue(apiSocket, out var client))
        {
            client = new NydusClient(apiSocket);
            _nydus[apiSocket] = client;
        }

        return client;
    }
}
