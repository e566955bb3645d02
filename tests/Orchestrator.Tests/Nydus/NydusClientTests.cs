using System.Net;
using System.Text.Json;
using Orchestrator.Native.Nydus;
using Orchestrator.TestKit.Nydus;

namespace Orchestrator.Tests.Nydus;

public sealed class NydusClientTests : IAsyncLifetime
{
    private const string Config = """{"device":{"backend":{"type":"localfs","config":{"dir":"/var/lib/nydus/blobs"}}},"mode":"direct"}""";

    private readonly string _dir = Directory.CreateTempSubdirectory("nydus-client-").FullName;
    private FakeNydusd _daemon = null!;
    private NydusClient _client = null!;

    public async Task InitializeAsync()
    {
        _daemon = await FakeNydusd.StartAsync(Path.Combine(_dir, "api.sock"));
        _client = new NydusClient(_daemon.SocketPath);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _daemon.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void GetDaemonInfo_RunningDaemon_ReportsRunning()
    {
        var info = _client.GetDaemonInfo();

        Assert.True(info.IsRunning);
        Assert.Equal("RUNNING", info.State);
    }

    [Fact]
    public void Mount_Rafs_PostsPercentEncodedMountPointAndConfigAsString()
    {
        var mountPoint = NydusClient.RafsMountPoint("c 1");

        _client.Mount(mountPoint, NydusMountRequest.ForRafs("/snapshots/1/fs/image.boot", Config));

        var call = Assert.Single(_daemon.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal("/api/v1/mount", call.Path);
        Assert.Equal("?mountpoint=%2Frafs%2Fc%201%2Flowerdir", call.RawQuery);
        Assert.Equal("/rafs/c 1/lowerdir", call.MountPoint);
        using var body = JsonDocument.Parse(call.Body);
        Assert.Equal("rafs", body.RootElement.GetProperty("fs_type").GetString());
        Assert.Equal("/snapshots/1/fs/image.boot", body.RootElement.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.String, body.RootElement.GetProperty("config").ValueKind);
        Assert.Equal(Config, body.RootElement.GetProperty("config").GetString());
    }

    [Fact]
    public void Mount_OccupiedMountPoint_ThrowsWithDaemonCodeAndMessage()
    {
        var mountPoint = NydusClient.RafsMountPoint("c1");
        _client.Mount(mountPoint, NydusMountRequest.ForRafs("/boot", Config));

        var e = Assert.Throws<NydusApiException>(() => _client.Mount(mountPoint, NydusMountRequest.ForRafs("/boot", Config)));

        Assert.Equal(HttpStatusCode.InternalServerError, e.Status);
        Assert.Equal("MountFailure", e.Code);
        Assert.Contains("already mounted", e.Detail, StringComparison.Ordinal);
        Assert.Contains("mountpoint=/rafs/c1/lowerdir", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unmount_Mounted_SendsDeleteWithoutBodyAndReportsUnmounted()
    {
        var mountPoint = NydusClient.RafsMountPoint("c1");
        _client.Mount(mountPoint, NydusMountRequest.ForRafs("/boot", Config));

        var result = _client.Unmount(mountPoint);

        Assert.Equal(NydusUnmountResult.Unmounted, result);
        var call = _daemon.Calls[^1];
        Assert.Equal("DELETE", call.Method);
        Assert.Equal(string.Empty, call.Body);
        Assert.Empty(_daemon.Mounts);
    }

    [Fact]
    public void Unmount_UnknownMountPoint_ReportsNotMounted()
    {
        Assert.Equal(NydusUnmountResult.NotMounted, _client.Unmount(NydusClient.RafsMountPoint("never")));
    }

    [Fact]
    public void Unmount_SocketMissing_ReportsDaemonGone()
    {
        using var client = new NydusClient(Path.Combine(_dir, "no-such.sock"));

        Assert.Equal(NydusUnmountResult.DaemonGone, client.Unmount(NydusClient.RafsMountPoint("c1")));
    }

    [Fact]
    public void Mount_SocketMissing_ThrowsUnreachable()
    {
        using var client = new NydusClient(Path.Combine(_dir, "no-such.sock"));

        var e = Assert.Throws<NydusApiException>(() => client.Mount(NydusClient.RafsMountPoint("c1"), NydusMountRequest.ForRafs("/boot", Config)));

        Assert.Null(e.Status);
        Assert.Contains("unreachable", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("relative/path")]
    [InlineData("/rafs/../etc")]
    public void Mount_BadMountPoint_ThrowsBeforeAnyCall(string mountPoint)
    {
        Assert.Throws<ArgumentException>(() => _client.Mount(mountPoint, NydusMountRequest.ForRafs("/boot", Config)));
        Assert.Empty(_daemon.Calls);
    }
}
