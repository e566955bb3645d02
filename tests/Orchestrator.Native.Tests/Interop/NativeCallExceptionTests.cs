using Orchestrator.Native.Interop;

namespace Orchestrator.Native.Tests.Interop;

public sealed class NativeCallExceptionTests
{
    [Fact]
    public void Message_MountFailure_ReadsLikeRunc()
    {
        var error = new NativeCallException("mount", Errno.EBUSY, ["/a", "/b"], "MS_BIND|MS_REC", ["src", "dst"]);

        Assert.Equal("mount src=/a, dst=/b, flags=MS_BIND|MS_REC: EBUSY (Device or resource busy)", error.Message);
        Assert.Equal(("mount", Errno.EBUSY, "EBUSY"), (error.Syscall, error.Errno, error.ErrnoName));
        Assert.Equal(["/a", "/b"], error.Paths);
        Assert.Equal("MS_BIND|MS_REC", error.Flags);
    }

    [Fact]
    public void Message_NoFlagsDefaultLabel_NamesPath()
    {
        var error = new NativeCallException("statx", Errno.ENOENT, ["/x"]);

        Assert.Equal("statx path=/x: ENOENT (No such file or directory)", error.Message);
    }

    [Theory]
    [InlineData(Errno.EPERM, "EPERM", "Operation not permitted")]
    [InlineData(Errno.EINVAL, "EINVAL", "Invalid argument")]
    [InlineData(Errno.ENOTEMPTY, "ENOTEMPTY", "Directory not empty")]
    [InlineData(Errno.ELOOP, "ELOOP", "Too many levels of symbolic links")]
    [InlineData(Errno.ENXIO, "ENXIO", "No such device or address")]
    [InlineData((Errno)200, "errno 200", null)]
    public void ErrnoExtensions_Value_NamesAndDescribesIt(Errno errno, string name, string? description)
    {
        Assert.Equal(name, errno.Name());
        if (description is not null)
        {
            Assert.Equal(description, errno.Description());
        }
    }
}
