using Orchestrator.Native.HostPaths;

namespace Orchestrator.Native.Tests.HostPaths;

public sealed class DirectVolumeTests
{
    [Fact]
    public void Parse_KataMountInfo_ReadsEveryField()
    {
        const string json = """
            {"volume-type":"block","device":"/dev/sdb","fstype":"ext4",
             "metadata":{"fsGroup":"2000","fsGroupChangePolicy":"OnRootMismatch","k":"v"},
             "options":["ro","noatime"]}
            """;

        var info = DirectVolume.Parse(json);

        Assert.Equal(("block", "/dev/sdb", "ext4"), (info.VolumeType, info.Device, info.FsType));
        Assert.Equal(["ro", "noatime"], info.Options);
        Assert.Equal(2000u, info.FsGroup);
        Assert.Equal(FsGroupChangePolicy.OnRootMismatch, info.FsGroupChangePolicy);
        Assert.Equal("v", info.Metadata["k"]);
    }

    [Fact]
    public void Parse_CamelCaseTypeAndNoMetadata_HasNoFsGroup()
    {
        var info = DirectVolume.Parse("""{"volumeType":"block","device":"/dev/vdb","fstype":"xfs"}""");

        Assert.Equal("block", info.VolumeType);
        Assert.Null(info.FsGroup);
        Assert.Null(info.FsGroupChangePolicy);
        Assert.Empty(info.Options);
    }

    [Theory]
    [InlineData("""{"volume-type":"block","device":"/dev/sdb","fstype":"ext4","metadata":{"fsGroup":"-1"}}""", "fsGroup '-1'")]
    [InlineData("""{"volume-type":"block","device":"/dev/sdb","fstype":"ext4","metadata":{"fsGroup":"abc"}}""", "fsGroup 'abc'")]
    [InlineData("""{"volume-type":"block","device":"/dev/sdb","fstype":"ext4","metadata":{"fsGroupChangePolicy":"always"}}""", "'Always' or 'OnRootMismatch'")]
    [InlineData("""{"volume-type":"block","device":"/dev/sdb","fstype":"ext4","metadata":{"fsGroup":2000}}""", "must be a string")]
    [InlineData("""{"volume-type":"block","fstype":"ext4"}""", "missing 'device'")]
    [InlineData("""{"volume-type":"block","device":"","fstype":"ext4"}""", "'device' must be a non-empty string")]
    [InlineData("""{"device":"/dev/sdb","fstype":"ext4"}""", "missing 'volume-type'")]
    [InlineData("""{"volume-type":"block","device":"/dev/sdb","fstype":"ext4","options":"ro"}""", "'options' must be an array")]
    [InlineData("""[1]""", "expected a JSON object")]
    [InlineData("""{""", "not valid JSON")]
    public void Parse_BadValue_ThrowsClearError(string json, string problem)
    {
        var error = Assert.Throws<DirectVolumeFormatException>(() => DirectVolume.Parse(json));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MountInfoPath_VolumePath_IsUrlSafeBase64DirectoryUnderRoot()
    {
        // base64url("/a?b>") keeps '-' and '_' where standard base64 has '+' and '/'.
        var path = DirectVolume.MountInfoPath("/a?b>", "/root");

        Assert.Equal("/root/L2E_Yj4=/mountInfo.json", path);
    }

    [Fact]
    public void Load_WrittenFile_ParsesIt()
    {
        var root = Directory.CreateTempSubdirectory("orchestrator-direct-").FullName;
        try
        {
            var file = DirectVolume.MountInfoPath("/kubelet/vol-1", root);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, """{"volume-type":"block","device":"/dev/loop9","fstype":"ext4","metadata":{"fsGroup":"0"}}""");

            var info = DirectVolume.Load("/kubelet/vol-1", root);

            Assert.Equal(0u, info.FsGroup);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
