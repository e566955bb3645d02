using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

/// <summary>
/// Runs libc calls: reads errno right after the call, retries EINTR, and is the one place an
/// errno becomes a <see cref="NativeCallException"/>.
/// </summary>
internal static class Sys
{
    /// <summary>Calls <paramref name="call"/> until it does not fail with EINTR.</summary>
    public static SyscallResult Run(Func<long> call)
    {
        while (true)
        {
            var value = call();
            if (value >= 0)
            {
                return new SyscallResult(value, Errno.None);
            }

            // The generated stub saved errno right after the native call (SetLastError = true),
            // so no other libc call can have overwritten it.
            var errno = (Errno)Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
            {
                return new SyscallResult(value, errno);
            }
        }
    }

    /// <summary>Runs the call and throws for any errno; the paths are labelled <c>path</c>.</summary>
    public static long Check(Func<long> call, string syscall, string flags, params string[] paths) =>
        Check(Run(call), syscall, flags, paths);

    /// <summary>Throws for a failed result; returns the value otherwise.</summary>
    public static long Check(
        SyscallResult result, string syscall, string flags, string[] paths, string[]? labels = null, string detail = "") =>
        result.Failed ? throw Error(result.Errno, syscall, flags, paths, labels, detail) : result.Value;

    /// <summary>The exception for an errno: the only place one is built from a libc failure.</summary>
    public static NativeCallException Error(
        Errno errno, string syscall, string flags, string[] paths, string[]? labels = null, string detail = "") =>
        new(syscall, errno, paths, flags, labels, detail);
}
