using Orchestrator.Native.Interop;
using Orchestrator.Native.Paths;

namespace Orchestrator.Native.Tests.Paths;

public sealed class PathSecurityTests : IDisposable
{
    private readonly string _root;

    public PathSecurityTests()
    {
        _root = Directory.CreateTempSubdirectory("orchestrator-securejoin-").FullName;
        Directory.CreateDirectory(Path.Combine(_root, "etc"));
        Directory.CreateDirectory(Path.Combine(_root, "var", "lib"));
        File.WriteAllText(Path.Combine(_root, "etc", "passwd"), "");
        File.CreateSymbolicLink(Path.Combine(_root, "abs"), "/etc");
        File.CreateSymbolicLink(Path.Combine(_root, "up"), "../../../..");
        File.CreateSymbolicLink(Path.Combine(_root, "var", "rel"), "../etc");
        File.CreateSymbolicLink(Path.Combine(_root, "loop1"), "loop2");
        File.CreateSymbolicLink(Path.Combine(_root, "loop2"), "loop1");
        File.CreateSymbolicLink(Path.Combine(_root, "chain"), "var/rel/passwd");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("etc/passwd", "/etc/passwd")]
    [InlineData("/etc/passwd", "/etc/passwd")]
    [InlineData("../../../etc/passwd", "/etc/passwd")]
    [InlineData("abs/passwd", "/etc/passwd")]
    [InlineData("up", "")]
    [InlineData("up/etc", "/etc")]
    [InlineData("var/rel/passwd", "/etc/passwd")]
    [InlineData("chain", "/etc/passwd")]
    [InlineData("missing/../../x", "/x")]
    [InlineData("var/missing/deeper", "/var/missing/deeper")]
    [InlineData("", "")]
    [InlineData(".", "")]
    [InlineData("etc/passwd/x", "/etc/passwd/x")]
    public void SecureJoin_UnsafePath_StaysInsideRoot(string unsafePath, string expectedBelowRoot)
    {
        Assert.Equal(_root + expectedBelowRoot, PathSecurity.SecureJoin(_root, unsafePath));
    }

    [Fact]
    public void SecureJoin_SymlinkCycle_ThrowsEloop()
    {
        var error = Assert.Throws<NativeCallException>(() => PathSecurity.SecureJoin(_root, "loop1/x"));

        Assert.Equal(Errno.ELOOP, error.Errno);
        Assert.Contains(_root, error.Paths);
    }
}
