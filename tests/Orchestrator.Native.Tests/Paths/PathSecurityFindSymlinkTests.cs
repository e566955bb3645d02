using Orchestrator.Native.Paths;

namespace Orchestrator.Native.Tests.Paths;

public sealed class PathSecurityFindSymlinkTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("symlink-below-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void FindSymlinkBelow_PlainDirectories_Null()
    {
        Directory.CreateDirectory(Path.Combine(_root, "mounts", "c1", "rootfs"));

        Assert.Null(PathSecurity.FindSymlinkBelow(_root, Path.Combine(_root, "mounts", "c1", "rootfs")));
    }

    [Fact]
    public void FindSymlinkBelow_LinkPlantedMidPath_NamesTheLink()
    {
        Directory.CreateDirectory(Path.Combine(_root, "mounts"));
        var link = Path.Combine(_root, "mounts", "c1");
        File.CreateSymbolicLink(link, "/");

        Assert.Equal(link, PathSecurity.FindSymlinkBelow(_root, Path.Combine(link, "rootfs")));
    }

    [Fact]
    public void FindSymlinkBelow_LinkAsLastComponent_NamesTheLink()
    {
        var link = Path.Combine(_root, "target");
        File.CreateSymbolicLink(link, "/etc");

        Assert.Equal(link, PathSecurity.FindSymlinkBelow(_root, link));
    }

    [Fact]
    public void FindSymlinkBelow_MissingComponent_Null() =>
        Assert.Null(PathSecurity.FindSymlinkBelow(_root, Path.Combine(_root, "gone", "deeper")));

    [Fact]
    public void FindSymlinkBelow_PathOutsideRoot_Throws() =>
        Assert.Throws<ArgumentException>(() => PathSecurity.FindSymlinkBelow(_root, "/etc/passwd"));
}
