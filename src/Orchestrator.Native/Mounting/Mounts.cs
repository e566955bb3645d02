using Orchestrator.Native.Interop;
using Orchestrator.Native.Paths;

namespace Orchestrator.Native.Mounting;

/// <summary>
/// Mount operations. Every argument is validated before the first syscall; a failure throws
/// <see cref="NativeCallException"/>, and expected outcomes (not mounted, busy) are results.
/// Call from one dedicated thread: mount namespaces are per thread after
/// <see cref="EnterPrivateMountNamespace"/>.
/// </summary>
public static partial class Mounts
{
    /// <summary>mount(2) as given, for filesystems and block devices the other operations do not cover.</summary>
    public static void Mount(string? source, string target, string? fileSystemType, MountFlags flags, string? data)
    {
        RequireAbsolute(target, nameof(target));
        MountRaw(source, target, fileSystemType, flags, data);
    }

    /// <summary><c>mount(NULL, target, NULL, MS_REMOUNT | flags, NULL)</c>; add <see cref="MountFlags.Bind"/> to change per-mount flags only.</summary>
    public static void Remount(string target, MountFlags flags)
    {
        RequireAbsolute(target, nameof(target));
        MountRaw(null, target, null, MountFlags.Remount | flags, null);
    }

    /// <summary>Changes the propagation type of the mount at <paramref name="target"/>.</summary>
    public static void SetPropagation(string target, Propagation propagation)
    {
        RequireAbsolute(target, nameof(target));
        var flags = PropagationNames.ToFlags(propagation);
        if (flags != MountFlags.None)
        {
            MountRaw(null, target, null, flags, null);
        }
    }

    /// <summary>Mounts a tmpfs on the existing directory <paramref name="target"/>.</summary>
    public static void MountTmpfs(string target, TmpfsOptions options, MountFlags flags = MountFlags.None)
    {
        RequireAbsolute(target, nameof(target));
        ArgumentNullException.ThrowIfNull(options);
        var data = options.ToData();
        MountRaw("tmpfs", target, "tmpfs", flags, data.Length == 0 ? null : data);
    }

    internal static void MountRaw(string? source, string target, string? fileSystemType, MountFlags flags, string? data)
    {
        var result = Sys.Run(() => LibC.Mount(source, target, fileSystemType, (nuint)(ulong)flags, data));
        if (!result.Failed)
        {
            return;
        }

        var detail = new List<string>(2);
        if (fileSystemType is not null)
        {
            detail.Add("type=" + fileSystemType);
        }

        if (data is not null)
        {
            detail.Add("data=" + data);
        }

        string[] paths = source is null ? [target] : [source, target];
        string[] labels = source is null ? ["dst"] : ["src", "dst"];
        Sys.Check(result, "mount", MountFlagNames.Format(flags), paths, labels, string.Join(", ", detail));
    }

    private static void RequireAbsolute(string path, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(path, parameterName);
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException($"{parameterName} must be an absolute path, got '{path}'", parameterName);
        }

        PathComponents.CheckNoNul(path, parameterName);
    }
}
