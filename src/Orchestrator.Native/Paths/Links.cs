using System.Text;
using Orchestrator.Native.Interop;

namespace Orchestrator.Native.Paths;

/// <summary>Reads symbolic links, including the kernel's magic ones under /proc (<c>ns/mnt</c> reads <c>mnt:[4026531841]</c>).</summary>
public static class Links
{
    /// <summary>readlink(2). Reading another process's <c>/proc/PID/ns/*</c> needs ptrace read access to it (EACCES otherwise).</summary>
    /// <exception cref="NativeCallException">Not a link (EINVAL), missing, or not permitted.</exception>
    public static unsafe string Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var buffer = new byte[4096];
        fixed (byte* bytes = buffer)
        {
            var pointer = bytes;
            var length = Sys.Check(() => LibC.Readlink(path, pointer, (nuint)buffer.Length), "readlink", "", path);
            if (length == buffer.Length)
            {
                throw Sys.Error(Errno.ENAMETOOLONG, "readlink", "", [path]);
            }

            return Encoding.UTF8.GetString(buffer, 0, (int)length);
        }
    }
}
