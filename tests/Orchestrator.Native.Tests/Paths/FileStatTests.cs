using Orchestrator.Native.Interop;
using Orchestrator.Native.Paths;

namespace Orchestrator.Native.Tests.Paths;

public sealed class FileStatTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("orchestrator-stat-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Lstat_Symlink_ReportsTheLinkWhileStatFollowsIt()
    {
        var link = Path.Combine(_root, "link");
        File.CreateSymbolicLink(link, _root);

        Assert.Equal(FileType.SymbolicLink, FileStat.Lstat(link).Type);
        Assert.Equal(FileType.Directory, FileStat.Stat(link).Type);
    }

    [Fact]
    public void Stat_RegularFile_ReportsSizeOwnerAndMountId()
    {
        var file = Path.Combine(_root, "f");
        File.WriteAllText(file, "12345");

        var status = FileStat.Stat(file);

        Assert.Equal((FileType.RegularFile, 5UL), (status.Type, status.Size));
        Assert.NotNull(status.MountId);
    }

    [Fact]
    public void Stat_Root_IsMountRoot()
    {
        Assert.True(FileStat.Stat("/").IsMountRoot);
        Assert.False(FileStat.Stat(_root).IsMountRoot);
    }

    [Fact]
    public void TryLstat_Missing_ReturnsFalse()
    {
        Assert.False(FileStat.TryLstat(Path.Combine(_root, "missing"), out _));
        Assert.Throws<NativeCallException>(() => FileStat.Lstat(Path.Combine(_root, "missing")));
    }

    [Fact]
    public void RealPath_SymlinkChain_ResolvesEveryComponent()
    {
        var real = Directory.CreateDirectory(Path.Combine(_root, "real")).FullName;
        File.CreateSymbolicLink(Path.Combine(_root, "l1"), "real");
        File.CreateSymbolicLink(Path.Combine(_root, "l2"), Path.Combine(_root, "l1"));

        Assert.Equal(real, FileStat.RealPath(Path.Combine(_root, "l2", ".", "..", "l1")));
    }

    [Fact]
    public void RealPath_Missing_ThrowsEnoentNamingPath()
    {
        var missing = Path.Combine(_root, "missing");

        var error = Assert.Throws<NativeCallException>(() => FileStat.RealPath(missing));

        Assert.Equal((Errno.ENOENT, "realpath"), (error.Errno, error.Syscall));
        Assert.Equal([missing], error.Paths);
    }
}
