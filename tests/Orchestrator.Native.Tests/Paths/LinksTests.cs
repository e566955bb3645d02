using Orchestrator.Native.Interop;
using Orchestrator.Native.Paths;

namespace Orchestrator.Native.Tests.Paths;

public sealed class LinksTests
{
    [Fact]
    public void Read_NamespaceLink_NamesTheNamespace() => Assert.Matches(@"^mnt:\[\d+\]$", Links.Read("/proc/self/ns/mnt"));

    [Fact]
    public void Read_NotALink_EinvalWithSyscallAndPath()
    {
        var e = Assert.Throws<NativeCallException>(() => Links.Read("/proc/self/status"));

        Assert.Equal(("readlink", Errno.EINVAL), (e.Syscall, e.Errno));
        Assert.Equal("readlink path=/proc/self/status: EINVAL (Invalid argument)", e.Message);
    }
}
