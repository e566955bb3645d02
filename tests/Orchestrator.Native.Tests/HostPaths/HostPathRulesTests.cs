using Orchestrator.Native.HostPaths;

namespace Orchestrator.Native.Tests.HostPaths;

public sealed class HostPathRulesTests
{
    private const string Pod = "/var/lib/kubelet/pods/0f3c";

    [Theory]
    [InlineData("/proc", true)]
    [InlineData("/proc/1/root", true)]
    [InlineData("/sys", true)]
    [InlineData("/sys/fs/cgroup", true)]
    [InlineData("/procfoo", false)]
    [InlineData("/system", false)]
    [InlineData("/var/proc", false)]
    [InlineData("/", false)]
    public void IsSystemMount_Path_ComparesComponents(string path, bool expected)
    {
        Assert.Equal(expected, HostPathRules.IsSystemMount(path));
    }

    [Theory]
    [InlineData("/dev", false, true)]
    [InlineData("/dev/sda", false, true)]
    [InlineData("/dev/shm", false, true)]
    [InlineData("/dev/shm/data.bin", true, false)]
    [InlineData("/devices/x", false, false)]
    [InlineData("/var/dev/sda", false, false)]
    public void IsHostDevice_PathAndKind_IsTrueForNonRegularUnderDev(string path, bool isRegularFile, bool expected)
    {
        Assert.Equal(expected, HostPathRules.IsHostDevice(path, isRegularFile));
    }

    [Theory]
    [InlineData("/var/lib/docker/volumes/db/_data", true)]
    [InlineData("/var/lib/docker/volumes/db/_data/sub", false)]
    [InlineData("/var/lib/docker/volumes/db/data", false)]
    [InlineData("/var/lib/docker/volumesx/db/_data", false)]
    [InlineData("/srv/db/_data", false)]
    public void IsDockerVolume_Path_RequiresVolumesDirAndDataName(string path, bool expected)
    {
        Assert.Equal(expected, HostPathRules.IsDockerVolume(path));
    }

    [Theory]
    [InlineData(Pod + "/volumes/kubernetes.io~empty-dir/cache", true, false, false)]
    [InlineData(Pod + "/volumes/kubernetes.io~configmap/conf", false, true, false)]
    [InlineData(Pod + "/volumes/kubernetes.io~secret/token", false, false, true)]
    [InlineData(Pod + "/volumes/kubernetes.io~secret/token/key", false, false, false)]
    [InlineData("/kubernetes.io~empty-dir", false, false, false)]
    [InlineData(Pod + "/volumes/kubernetes.io~csi/pvc", false, false, false)]
    public void KubernetesPredicates_Path_LookAtTheParentFolder(string path, bool emptyDir, bool configMap, bool secret)
    {
        Assert.Equal(emptyDir, HostPathRules.IsEmptyDir(path));
        Assert.Equal(configMap, HostPathRules.IsConfigMap(path));
        Assert.Equal(secret, HostPathRules.IsSecret(path));
    }

    [Theory]
    [InlineData("tmpfs", true, false)]
    [InlineData("ext4", false, true)]
    [InlineData(null, false, true)]
    public void EmptyDirKinds_FileSystemType_SplitsOnTmpfs(string? fsType, bool ephemeral, bool hostEmptyDir)
    {
        var path = Pod + "/volumes/kubernetes.io~empty-dir/cache";

        Assert.Equal(ephemeral, HostPathRules.IsEphemeralStorage(path, fsType));
        Assert.Equal(hostEmptyDir, HostPathRules.IsHostEmptyDir(path, fsType));
        Assert.False(HostPathRules.IsEphemeralStorage("/tmp/cache", "tmpfs"));
    }

    [Theory]
    [InlineData("kubernetes.io~configmap", 0, false)]
    [InlineData("kubernetes.io~configmap", 1, true)]
    [InlineData("kubernetes.io~configmap", 8, true)]
    [InlineData("kubernetes.io~configmap", 9, false)]
    [InlineData("kubernetes.io~secret", 3, true)]
    [InlineData("kubernetes.io~empty-dir", 3, false)]
    [InlineData("kubernetes.io~secret", null, false)]
    public void IsWatchableMount_FileCount_IsTrueFromOneToEight(string folder, int? count, bool expected)
    {
        Assert.Equal(expected, HostPathRules.IsWatchableMount($"{Pod}/volumes/{folder}/v", count));
    }

    [Theory]
    [InlineData("/proc/sys", null, false, null, HostPathKind.System, false)]
    [InlineData("/dev/kvm", "devtmpfs", false, null, HostPathKind.HostDevice, false)]
    [InlineData("/dev/shm/file", "tmpfs", true, null, HostPathKind.Plain, false)]
    [InlineData(Pod + "/volumes/kubernetes.io~empty-dir/c", "tmpfs", false, null, HostPathKind.EphemeralStorage, false)]
    [InlineData(Pod + "/volumes/kubernetes.io~empty-dir/c", "xfs", false, null, HostPathKind.HostEmptyDir, false)]
    [InlineData(Pod + "/volumes/kubernetes.io~configmap/c", "tmpfs", false, 5, HostPathKind.ConfigMap, true)]
    [InlineData(Pod + "/volumes/kubernetes.io~secret/s", "tmpfs", false, 9, HostPathKind.Secret, false)]
    [InlineData("/var/lib/docker/volumes/v/_data", "ext4", false, null, HostPathKind.DockerVolume, false)]
    [InlineData("/srv/data", "ext4", false, null, HostPathKind.Plain, false)]
    [InlineData("/sys/kubernetes.io~secret/s", "sysfs", false, 1, HostPathKind.System, false)]
    public void Classify_Facts_ReturnsKindAndWatchable(
        string path, string? fsType, bool regular, int? count, HostPathKind kind, bool watchable)
    {
        var result = HostPathRules.Classify(new HostPathFacts(path, fsType, regular, count));

        Assert.Equal((kind, watchable, path), (result.Kind, result.Watchable, result.ResolvedPath));
    }
}
