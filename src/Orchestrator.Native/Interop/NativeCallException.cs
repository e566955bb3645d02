using System.Text;

namespace Orchestrator.Native.Interop;

/// <summary>
/// A system call failed with an errno the caller did not expect. Every property is a plain value
/// so the exception can be turned into a reply without carrying the exception itself.
/// </summary>
public sealed class NativeCallException : Exception
{
    /// <summary>
    /// Builds the exception; <paramref name="pathLabels"/> name the paths in the message (<c>src</c>,
    /// <c>dst</c>) and <paramref name="detail"/> adds other arguments (<c>type=tmpfs, data=size=1m</c>).
    /// </summary>
    public NativeCallException(
        string syscall,
        Errno errno,
        IReadOnlyList<string> paths,
        string flags = "",
        IReadOnlyList<string>? pathLabels = null,
        string detail = "")
        : base(FormatMessage(syscall, errno, paths, flags, pathLabels, detail))
    {
        Syscall = syscall;
        Errno = errno;
        Paths = paths;
        Flags = flags;
        Detail = detail;
    }

    /// <summary>The C function that failed (<c>mount</c>, <c>umount2</c>, <c>ioctl(LOOP_CONFIGURE)</c>).</summary>
    public string Syscall { get; }

    /// <summary>The errno the call returned.</summary>
    public Errno Errno { get; }

    /// <summary>The symbolic errno (<c>EBUSY</c>).</summary>
    public string ErrnoName => Errno.Name();

    /// <summary>The C library's description of the errno (<c>Device or resource busy</c>).</summary>
    public string Description => Errno.Description();

    /// <summary>The paths the call was given, in argument order.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>The flags by name (<c>MS_BIND|MS_REC</c>), or empty when the call takes none.</summary>
    public string Flags { get; }

    /// <summary>Other arguments of the call, as <c>name=value</c> pairs, or empty.</summary>
    public string Detail { get; }

    // runc's shape, which operators already know how to read:
    // "mount src=/a, dst=/b, flags=MS_BIND|MS_REC: EBUSY (Device or resource busy)".
    private static string FormatMessage(
        string syscall, Errno errno, IReadOnlyList<string> paths, string flags, IReadOnlyList<string>? labels, string detail)
    {
        var text = new StringBuilder(syscall);
        var separator = " ";
        for (var i = 0; i < paths.Count; i++)
        {
            var label = labels is not null && i < labels.Count ? labels[i] : "path";
            text.Append(separator).Append(label).Append('=').Append(paths[i]);
            separator = ", ";
        }

        if (flags.Length > 0)
        {
            text.Append(separator).Append("flags=").Append(flags);
            separator = ", ";
        }

        if (detail.Length > 0)
        {
            text.Append(separator).Append(detail);
        }

        return text.Append(": ").Append(errno.Name()).Append(" (").Append(errno.Description()).Append(')').ToString();
    }
}
