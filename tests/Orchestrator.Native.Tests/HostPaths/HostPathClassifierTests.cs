using Orchestrator.Native.HostPaths;

namespace Orchestrator.Native.Tests.HostPaths;

public sealed class HostPathClassifierTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("orchestrator-classify-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Classify_SymlinkToRootThenProc_IsSystem()
    {
        var evil = Path.Combine(_root, "evil");
        File.CreateSymbolicLink(evil, "/");

        var result = HostPathClassifier.Classify(Path.Combine(evil, "proc"));

        Assert.Equal(HostPathKind.System, result.Kind);
        Assert.Equal("/proc", result.ResolvedPath);
    }

    [Fact]
    public void Classify_SymlinkToDeviceNode_IsHostDevice()
    {
        var link = Path.Combine(_root, "null");
        File.CreateSymbolicLink(link, "/dev/null");

        Assert.Equal(HostPathKind.HostDevice, HostPathClassifier.Classify(link).Kind);
    }

    [Fact]
    public void Classify_SmallConfigMap_IsWatchable()
    {
        var volume = KubernetesVolume("kubernetes.io~configmap", "conf");
        var data = Directory.CreateDirectory(Path.Combine(volume, "..2024_01_01_00_00_00.1")).FullName;
        File.WriteAllText(Path.Combine(data, "a.yaml"), "a");
        File.WriteAllText(Path.Combine(data, "b.yaml"), "b");
        File.CreateSymbolicLink(Path.Combine(volume, "..data"), data);
        File.CreateSymbolicLink(Path.Combine(volume, "a.yaml"), "..data/a.yaml");

        var result = HostPathClassifier.Classify(volume);

        Assert.Equal((HostPathKind.ConfigMap, true), (result.Kind, result.Watchable));
        Assert.Equal(4, HostPathClassifier.GatherFacts(volume).FileCount);
    }

    [Fact]
    public void Classify_LargeSecret_IsNotWatchable()
    {
        var volume = KubernetesVolume("kubernetes.io~secret", "many");
        for (var i = 0; i < 20; i++)
        {
            File.WriteAllText(Path.Combine(volume, $"k{i}"), "v");
        }

        var result = HostPathClassifier.Classify(volume);

        Assert.Equal((HostPathKind.Secret, false), (result.Kind, result.Watchable));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 3)]
    [InlineData(8, 8)]
    [InlineData(30, 9)]
    public void CountFiles_Tree_StopsOncePastLimit(int files, int expected)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_root, "tree", "nested")).FullName;
        for (var i = 0; i < files; i++)
        {
            File.WriteAllText(Path.Combine(i % 2 == 0 ? directory : Path.GetDirectoryName(directory)!, $"f{i}"), "");
        }

        Assert.Equal(expected, HostPathClassifier.CountFiles(Path.Combine(_root, "tree"), HostPathRules.WatchableFileLimit));
    }

    [Fact]
    public void Classify_PlainDirectory_IsPlain()
    {
        Assert.Equal(HostPathKind.Plain, HostPathClassifier.Classify(_root).Kind);
    }

    private string KubernetesVolume(string plugin, string name) =>
        Directory.CreateDirectory(Path.Combine(_root, "pods", "uid", "volumes", plugin, name)).FullName;
}
