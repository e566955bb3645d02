using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

/// <summary>Names and descriptions of <see cref="Errno"/> values, for messages and replies.</summary>
public static class ErrnoExtensions
{
    /// <summary>The symbolic name (<c>EBUSY</c>), or <c>errno 123</c> for a value this enum does not name.</summary>
    public static string Name(this Errno errno) =>
        Enum.IsDefined(errno) ? errno.ToString() : $"errno {(int)errno}";

    /// <summary>The C library's strerror text (<c>Device or resource busy</c>).</summary>
    public static string Description(this Errno errno) => Marshal.GetPInvokeErrorMessage((int)errno);
}
