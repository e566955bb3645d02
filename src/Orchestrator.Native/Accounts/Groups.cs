using Orchestrator.Native.Interop;

namespace Orchestrator.Native.Accounts;

/// <summary>Looks groups up in the system's group database (NSS), as <c>chgrp</c> does.</summary>
public static class Groups
{
    // glibc's own starting size for these buffers is sysconf(_SC_GETGR_R_SIZE_MAX), 1024; a group with
    // thousands of members needs more, so the buffer doubles on ERANGE up to a bound.
    private const int InitialBufferBytes = 1024;
    private const int MaxBufferBytes = 1 << 20;

    /// <summary>The gid of the group named <paramref name="name"/>, or null when there is no such group.</summary>
    /// <exception cref="NativeCallException">The lookup itself failed (an NSS backend error, EIO, ENOMEM).</exception>
    public static unsafe uint? FindGroupId(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        for (var size = InitialBufferBytes; ; size *= 2)
        {
            var buffer = new byte[size];
            GroupEntry entry;
            GroupEntry* result = null;
            int error;
            fixed (byte* bytes = buffer)
            {
                do
                {
                    error = LibC.Getgrnam(name, &entry, bytes, (nuint)size, &result);
                }
                while ((Errno)error == Errno.EINTR);
            }

            if (error == 0)
            {
                return result is null ? null : result->Gid;
            }

            // The man page lists these as what some implementations answer for "not found".
            if ((Errno)error is Errno.ENOENT or Errno.ESRCH or Errno.EBADF or Errno.EPERM)
            {
                return null;
            }

            if ((Errno)error != Errno.ERANGE || size >= MaxBufferBytes)
            {
                throw Sys.Error((Errno)error, "getgrnam_r", "", [], detail: $"name={name}, buflen={size}");
            }
        }
    }

    /// <summary>The process's effective gid (getegid).</summary>
    public static uint EffectiveGroupId() => LibC.Getegid();
}
