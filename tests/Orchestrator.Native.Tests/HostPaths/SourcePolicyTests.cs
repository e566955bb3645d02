using Orchestrator.Native.HostPaths;
using Orchestrator.Native.Paths;

namespace Orchestrator.Native.Tests.HostPaths;

public sealed class SourcePolicyTests
{
    private static readonly SourcePolicy Policy = new(["/var/lib/orchestrator", "/run/orchestrator"], []);

    [Theory]
    [InlineData("/", FileType.Directory, "root directory")]
    [InlineData("/proc", FileType.Directory, "system path")]
    [InlineData("/proc/1/root", FileType.Directory, "system path")]
    [InlineData("/sys/fs/cgroup", FileType.Directory, "system path")]
    [InlineData("/dev", FileType.Directory, "only device nodes")]
    [InlineData("/dev/shm", FileType.Directory, "only device nodes")]
    [InlineData("/dev/mqueue/x", FileType.RegularFile, "only device nodes")]
    [InlineData("/var/lib/orchestrator", FileType.Directory, "own directory")]
    [InlineData("/var/lib/orchestrator/journal.db", FileType.RegularFile, "own directory")]
    [InlineData("/run/orchestrator/sandboxes/s1/mounts", FileType.Directory, "own directory")]
    [InlineData("/run/orchestrator/sandboxes/other/shared/c1", FileType.Directory, "own directory")]
    public void Refusal_AlwaysRefusedPaths_SaysWhy(string path, FileType type, string reason) =>
        Assert.Contains(reason, Policy.Refusal(new SourceFacts(path, type)), StringComparison.Ordinal);

    [Theory]
    [InlineData("/dev/sdb", FileType.BlockDevice)]
    [InlineData("/dev/fuse", FileType.CharacterDevice)]
    [InlineData("/var/lib/images/c1/rootfs", FileType.Directory)]
    [InlineData("/var/lib/orchestrator-other", FileType.Directory)]
    [InlineData("/procfs", FileType.Directory)]
    [InlineData("/srv/disk.img", FileType.RegularFile)]
    public void Refusal_OrdinarySourcesAndPassthrough_Accepted(string path, FileType type) =>
        Assert.Null(Policy.Refusal(new SourceFacts(path, type)));

    [Theory]
    [InlineData("/dev/vda", FileType.BlockDevice)]
    [InlineData("/srv/disk.img", FileType.RegularFile)]
    public void Refusal_MountedOnTheHost_Refused(string path, FileType type) =>
        Assert.Contains("mounted on the host", Policy.Refusal(new SourceFacts(path, type, MountedOnHost: true)), StringComparison.Ordinal);

    [Theory]
    [InlineData("/srv/volumes/a", true)]
    [InlineData("/srv/volumes", true)]
    [InlineData("/srv/volumes-other", false)]
    [InlineData("/home/user", false)]
    [InlineData("/dev/sdb", false)]
    public void Refusal_WithAllowList_OnlyBelowAnAllowedRoot(string path, bool allowed)
    {
        var policy = new SourcePolicy(["/run/orchestrator"], ["/srv/volumes/"]);

        var refusal = policy.Refusal(new SourceFacts(path, path.StartsWith("/dev", StringComparison.Ordinal) ? FileType.BlockDevice : FileType.Directory));

        Assert.Equal(allowed, refusal is null);
    }

    [Theory]
    [InlineData("/run/orchestrator/sandboxes/s1/mounts", "/run/orchestrator/sandboxes/s1/shared", true)]
    [InlineData("/run/orchestrator/sandboxes/s1/private/x", "/run/orchestrator/sandboxes/s1/mounts/x", true)]
    [InlineData("/run/orchestrator/sandboxes/s2/mounts", "/run/orchestrator/sandboxes/s1/mounts/c1-steal", false)]
    [InlineData("/run/orchestrator/sandboxes", "/run/orchestrator/sandboxes/s1/mounts/c1-all", false)]
    [InlineData("/var/lib/orchestrator", "/run/orchestrator/sandboxes/s1/mounts/c1-journal", false)]
    public void BindRefusal_OnlyASandboxsOwnLayoutBindsInsideTheRunDir(string source, string target, bool allowed) =>
        Assert.Equal(allowed, Policy.BindRefusal(new SourceFacts(source, FileType.Directory), target) is null);
}
