using System.Globalization;
using System.Text;

namespace Orchestrator.Native.Mounting;

/// <summary>tmpfs mount options (Documentation/filesystems/tmpfs.rst); null leaves the kernel default.</summary>
/// <param name="SizeBytes">Upper bound of the filesystem's size in bytes (default: half of RAM).</param>
/// <param name="Mode">Permissions of the root directory (default 1777).</param>
/// <param name="Uid">Owner of the root directory.</param>
/// <param name="Gid">Group of the root directory.</param>
public sealed record TmpfsOptions(long? SizeBytes = null, UnixFileMode? Mode = null, uint? Uid = null, uint? Gid = null)
{
    /// <summary>The data string mount(2) takes: <c>size=1048576,mode=755,uid=0,gid=0</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size that is not positive or a mode with bits beyond 07777.</exception>
    public string ToData()
    {
        var parts = new List<string>(4);
        if (SizeBytes is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size, nameof(SizeBytes));
            parts.Add("size=" + size.ToString(CultureInfo.InvariantCulture));
        }

        if (Mode is { } mode)
        {
            if (((int)mode & ~0xFFF) != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(Mode), mode, "a tmpfs mode has permission bits only");
            }

            // tmpfs parses mode= as octal.
            parts.Add("mode=" + Convert.ToString((int)mode, 8));
        }

        if (Uid is { } uid)
        {
            parts.Add("uid=" + uid.ToString(CultureInfo.InvariantCulture));
        }

        if (Gid is { } gid)
        {
            parts.Add("gid=" + gid.ToString(CultureInfo.InvariantCulture));
        }

        return new StringBuilder().AppendJoin(',', parts).ToString();
    }
}
