using Orchestrator.Native.HostPaths;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Validation;

namespace Orchestrator.Tests.Validation;

public class ContainerSpecValidatorTests
{
    private static readonly ContainerSpec Valid = new(
        "c1",
        new RootfsSpec(RootfsKind.Bind, "/var/lib/images/c1/rootfs"),
        [new MountSpec("/var/lib/data", "/data", Propagation: "rslave")],
        [new VolumeSpec("/dev/sdb", "/block", "ext4", FsGroup: 1000, FsGroupChangePolicy: FsGroupChangePolicy.OnRootMismatch)]);

    [Fact]
    public void Problems_ValidSpec_None() => Assert.Empty(ContainerSpecValidator.Problems(Valid));

    [Theory]
    [InlineData("", "id", "must not be empty")]
    [InlineData("a/b", "id", "must not contain '/'")]
    [InlineData("..", "id", "must not contain '/' or '..'")]
    [InlineData("-rf", "id", "must start with a letter or digit")]
    [InlineData("$x", "id", "must start with a letter or digit")]
    public void Problems_BadId_NamesFieldAndReason(string id, string field, string reason)
    {
        var problem = Assert.Single(ContainerSpecValidator.Problems(Valid with { Id = id }));

        Assert.Equal(field, problem.Field);
        Assert.Contains(reason, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("relative/src", "/data", "mounts[0].source", "absolute")]
    [InlineData("", "/data", "mounts[0].source", "empty")]
    [InlineData("/src", "../../etc", "mounts[0].destination", "absolute")]
    [InlineData("/src", "/data/../../etc", "mounts[0].destination", "'..'")]
    [InlineData("/src", "/", "mounts[0].destination", "container root")]
    [InlineData("/src", "/block", "volumes[0].destination", "duplicate")]
    public void Problems_BadMountPaths_NamesFieldAndReason(string source, string destination, string field, string reason)
    {
        var spec = Valid with { Mounts = [new MountSpec(source, destination)] };

        var problem = Assert.Single(ContainerSpecValidator.Problems(spec));

        Assert.Equal(field, problem.Field);
        Assert.Contains(reason, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_UnknownPropagation_ListsAllowedNames()
    {
        var spec = Valid with { Mounts = [new MountSpec("/src", "/data", Propagation: "sharde")] };

        var problem = Assert.Single(ContainerSpecValidator.Problems(spec));

        Assert.Equal("mounts[0].propagation", problem.Field);
        Assert.Contains("'sharde'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("rslave", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_UnknownRootfsKind_Refused()
    {
        var spec = Valid with { Rootfs = new RootfsSpec((RootfsKind)42, "/x") };

        Assert.Equal("rootfs.type", Assert.Single(ContainerSpecValidator.Problems(spec)).Field);
    }

    [Fact]
    public void Problems_NydusWithoutSnapshotDirOrConfig_ReportsBoth()
    {
        var spec = Valid with { Rootfs = new RootfsSpec(RootfsKind.Nydus, "/boot/image.boot") };

        var fields = ContainerSpecValidator.Problems(spec).Select(p => p.Field).ToList();

        Assert.Equal(["rootfs.snapshotDir", "rootfs.daemonConfig"], fields);
    }

    [Fact]
    public void Problems_SeveralMistakes_ReportsEveryOne()
    {
        var spec = new ContainerSpec("a/b", new RootfsSpec(RootfsKind.Bind, "rel"), [new MountSpec("rel", "rel")], [new VolumeSpec("", "/v", "", FsGroup: -1)]);

        var fields = ContainerSpecValidator.Problems(spec).Select(p => p.Field).ToList();

        Assert.Equal(["id", "rootfs.source", "mounts[0].source", "mounts[0].destination", "volumes[0].device", "volumes[0].fsType", "volumes[0].fsGroup"], fields);
    }

    [Fact]
    public void Validate_Invalid_ThrowsWithAllProblems()
    {
        var e = Assert.Throws<SpecValidationException>(() => ContainerSpecValidator.Validate(Valid with { Id = "" }));

        Assert.Equal("id", Assert.Single(e.Problems).Field);
    }

    [Theory]
    [InlineData("/data\n[Service]\nExecStart=/bin/sh")]
    [InlineData("/da\0ta")]
    [InlineData("/data\t")]
    public void AbsolutePathProblem_ControlCharacters_Refused(string path) =>
        Assert.Contains("control characters", ContainerSpecValidator.AbsolutePathProblem(path), StringComparison.Ordinal);

    [Fact]
    public void AbsolutePathProblem_LongerThanPathMax_Refused() =>
        Assert.Contains("at most", ContainerSpecValidator.AbsolutePathProblem("/" + new string('a', 5000)), StringComparison.Ordinal);

    [Fact]
    public void Problems_ContainerIdWithTrailingNewline_Refused() =>
        Assert.Equal("id", Assert.Single(ContainerSpecValidator.Problems(Valid with { Id = "c1\n" })).Field);

    [Fact]
    public void Problems_MoreMountsThanTheCap_RefusedWithOneProblem()
    {
        var spec = Valid with { Mounts = [.. Enumerable.Range(0, Limits.MaxMounts + 1).Select(i => new MountSpec("/src", "/d" + i))] };

        var problem = Assert.Single(Limits.Problems(spec));

        Assert.Equal("mounts", problem.Field);
        Assert.Contains($"at most {Limits.MaxMounts}", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_MoreVolumesThanTheCap_Refused() =>
        Assert.Equal("volumes", Assert.Single(Limits.Problems(Valid with
        {
            Volumes = [.. Enumerable.Range(0, Limits.MaxVolumes + 1).Select(i => new VolumeSpec("/dev/sdb", "/v" + i, "ext4"))],
        })).Field);

    [Theory]
    [InlineData("tmpfs", null, "mounts[0].type")]
    [InlineData("overlay", null, "mounts[0].type")]
    [InlineData("bind", "x-mount.mkdir", "mounts[0].options")]
    [InlineData("bind", "ro\n[Service]", "mounts[0].options")]
    [InlineData("bind", "size=1z", "mounts[0].options")]
    public void Problems_UnknownTypeOrOption_Refused(string type, string? option, string field)
    {
        var spec = Valid with { Mounts = [new MountSpec("/src", "/data", type, option is null ? null : ["ro", option])] };

        Assert.Equal(field, Assert.Single(ContainerSpecValidator.Problems(spec)).Field);
    }

    [Theory]
    [InlineData("bind", "rbind")]
    [InlineData("none", "rbind")]
    [InlineData("bind", "size=64m")]
    [InlineData("bind", "mode=1777")]
    public void Problems_UnderstoodTypesAndOptions_Accepted(string type, string option) =>
        Assert.Empty(ContainerSpecValidator.Problems(Valid with { Mounts = [new MountSpec("/src", "/data", type, ["ro", option])] }));

    [Fact]
    public void Problems_UnknownVolumeFileSystem_Refused() =>
        Assert.Equal("volumes[0].fsType", Assert.Single(ContainerSpecValidator.Problems(Valid with { Volumes = [new VolumeSpec("/dev/sdb", "/block", "ntfs-3g")] })).Field);

    [Fact]
    public void HotPathProblem_AtTheCap_Refused()
    {
        Assert.Null(Limits.HotPathProblem(Limits.MaxHotPaths - 1));
        Assert.NotNull(Limits.HotPathProblem(Limits.MaxHotPaths));
    }
}
