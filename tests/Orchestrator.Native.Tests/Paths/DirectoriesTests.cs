using Orchestrator.Native.Interop;
using Orchestrator.Native.Paths;

namespace Orchestrator.Native.Tests.Paths;

public sealed class DirectoriesTests : IDisposable
{
    private const UnixFileMode Mode700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly string _root = Directory.CreateTempSubdirectory("orchestrator-dirs-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void EnsureDirectory_MissingParents_CreatesAllWithExactMode()
    {
        var path = Path.Combine(_root, "sandboxes", "s1", "mounts");

        Assert.True(Directories.EnsureDirectory(path, Mode700));
        Assert.False(Directories.EnsureDirectory(path, Mode700));

        Assert.Equal(Mode700, FileStat.Lstat(path).Permissions);
        Assert.Equal(Mode700, FileStat.Lstat(Path.Combine(_root, "sandboxes")).Permissions);
    }

    [Fact]
    public void EnsureDirectory_SymlinkComponent_Refuses()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(_root, "elsewhere")).FullName;
        File.CreateSymbolicLink(Path.Combine(_root, "link"), elsewhere);

        var error = Assert.Throws<PathRefusedException>(() => Directories.EnsureDirectory(Path.Combine(_root, "link", "x"), Mode700));

        Assert.Equal(PathRefusal.SymbolicLink, error.Reason);
        Assert.Equal(Path.Combine(_root, "link"), error.Component);
        Assert.False(Directory.Exists(Path.Combine(elsewhere, "x")));
    }

    [Fact]
    public void RemoveEmptyDirectory_Empty_RemovesItThenReportsAlreadyGone()
    {
        var path = Directory.CreateDirectory(Path.Combine(_root, "d")).FullName;

        Assert.Equal(RemoveOutcome.Removed, Directories.RemoveEmptyDirectory(path));
        Assert.Equal(RemoveOutcome.AlreadyGone, Directories.RemoveEmptyDirectory(path));
        Assert.Equal(RemoveOutcome.AlreadyGone, Directories.RemoveEmptyDirectory(Path.Combine(_root, "no", "such")));
    }

    [Fact]
    public void SafeRemoveMountPoint_RootNeverCreated_ReportsAlreadyGone()
    {
        var root = Path.Combine(_root, "run", "sandboxes");

        Assert.Equal(RemoveOutcome.AlreadyGone, Orchestrator.Native.Mounting.Mounts.SafeRemoveMountPoint(root, "s1"));
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public void RemoveEmptyDirectory_NotEmpty_ThrowsEnotempty()
    {
        var path = Directory.CreateDirectory(Path.Combine(_root, "full")).FullName;
        File.WriteAllText(Path.Combine(path, "f"), "x");

        var error = Assert.Throws<NativeCallException>(() => Directories.RemoveEmptyDirectory(path));

        Assert.Equal(Errno.ENOTEMPTY, error.Errno);
        Assert.Equal("unlinkat", error.Syscall);
    }

    [Fact]
    public void RemoveEmptyDirectory_SymlinkToDirectory_RefusesAndKeepsTarget()
    {
        var target = Directory.CreateDirectory(Path.Combine(_root, "target")).FullName;
        var link = Path.Combine(_root, "link");
        File.CreateSymbolicLink(link, target);

        var error = Assert.Throws<PathRefusedException>(() => Directories.RemoveEmptyDirectory(link));

        Assert.Equal(PathRefusal.SymbolicLink, error.Reason);
        Assert.True(Directory.Exists(target));
        Assert.True(FileStat.Lstat(link).IsSymbolicLink);
    }

    [Fact]
    public void RemoveEmptyDirectory_RegularFile_RefusesAsNotDirectory()
    {
        var file = Path.Combine(_root, "file");
        File.WriteAllText(file, "");

        var error = Assert.Throws<PathRefusedException>(() => Directories.RemoveEmptyDirectory(file));

        Assert.Equal(PathRefusal.NotDirectory, error.Reason);
    }
}
