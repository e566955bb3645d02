using System.Runtime.InteropServices;

namespace Orchestrator.Native.Interop;

internal static partial class LibC
{
    // int getgrnam_r(const char *name, struct group *grp, char *buf, size_t buflen, struct group **result);
    // Returns the error number itself (errno is not the channel); 0 with *result == NULL means "no such group".
    // Goes through NSS, so groups from LDAP or systemd-userdb are found as well as /etc/group's.
    [LibraryImport("libc", EntryPoint = "getgrnam_r", StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int Getgrnam(string name, GroupEntry* group, byte* buffer, nuint length, GroupEntry** result);

    // gid_t getegid(void); always succeeds.
    [LibraryImport("libc", EntryPoint = "getegid")]
    internal static partial uint Getegid();
}
