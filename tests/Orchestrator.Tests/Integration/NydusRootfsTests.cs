using System.Text.Json;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Native;
using Akka.Actor;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.TestKit.Nydus;
using Orchestrator.TestKit.Privileges;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Integration;

/// <summary>
/// A container with a nydus rootfs through the real actors and kernel, against a fake nydusd on a
/// unix socket: the rafs instance is mounted through its API, the snapshot dir is bound, and
/// teardown asks nydusd first, then unbinds the snapshot dir, then removes the rootfs dir.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class NydusRootfsTests : TreeTestKit
{
    private const string DaemonConfig = """{"device":{"backend":{"type":"localfs","config":{"dir":"/blobs"}}},"mode":"direct"}""";

    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    private readonly string _socketDir = Directory.CreateTempSubdirectory("nydus-api-").FullName;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Directory.Delete(_socketDir, recursive: true);
        }
    }

    [RootFact]
    public async Task CreateAndDestroy_NydusRootfs_RafsMountedThroughTheApiThenDeletedBeforeTheSnapshotDirIsUnbound()
    {
        await using var nydusd = await FakeNydusd.StartAsync(Path.Combine(_socketDir, "api.sock"));
        var native = Sys.ActorOf(NativeCallActor.Props(MountNamespaceMode.Private), "native");
        await using var scratch = await NamespaceScratch.CreateAsync(native, "nydus-rootfs-");
        var (manager, layout, bootstrap) = await CreateAsync(native, scratch, nydusd.SocketPath);

        var mount = Assert.Single(nydusd.Calls, c => c.Method == "POST");
        Assert.Equal("/api/v1/mount", mount.Path);
        Assert.Equal("/rafs/c1/lowerdir", mount.MountPoint);
        Assert.Contains("mountpoint=%2Frafs%2Fc1%2Flowerdir", mount.RawQuery, StringComparison.Ordinal);
        using (var body = JsonDocument.Parse(mount.Body))
        {
            Assert.Equal("rafs", body.RootElement.GetProperty("fs_type").GetString());
            Assert.Equal(bootstrap, body.RootElement.GetProperty("source").GetString());
            Assert.Equal(JsonValueKind.String, body.RootElement.GetProperty("config").ValueKind);
            Assert.Equal(DaemonConfig, body.RootElement.GetProperty("config").GetString());
        }

        var table = scratch.MountTable();
        Assert.True(table.IsMountPoint(layout.SnapshotDir("c1")));
        Assert.True(table.IsMountPoint(layout.SharedView(layout.SnapshotDir("c1"))));
        Assert.False(table.IsMountPoint(layout.Rootfs("c1")));

        var report = await manager.Ask<TeardownReport>(new DestroySandbox("s1"), Long);

        Assert.True(report.Clean, string.Join("; ", report.Errors));
        var delete = nydusd.Calls[^1];
        Assert.Equal(("DELETE", "/rafs/c1/lowerdir"), (delete.Method, delete.MountPoint));
        Assert.Empty(nydusd.Mounts);
        Assert.Equal(
            ["UndoStarted nydus", "UndoStarted snapshotdir", "UndoStarted rootfs", "UndoStarted dir", "Undone nydus Removed", "Undone snapshotdir Removed", "Undone rootfs Removed", "Undone dir Removed"],
            ContainerUndo());
        Assert.Empty(scratch.MountTable().MountsAtOrBelow(scratch.Path + "/run"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch.InNamespace(scratch.Path + "/run/sandboxes")));
    }

    [RootFact]
    public async Task Destroy_NydusdGone_StillSucceedsAndRecordsAlreadyGone()
    {
        var nydusd = await FakeNydusd.StartAsync(Path.Combine(_socketDir, "api.sock"));
        var native = Sys.ActorOf(NativeCallActor.Props(MountNamespaceMode.Private), "native");
        await using var scratch = await NamespaceScratch.CreateAsync(native, "nydus-rootfs-");
        var (manager, _, _) = await CreateAsync(native, scratch, nydusd.SocketPath);
        await nydusd.DisposeAsync();

        var report = await manager.Ask<TeardownReport>(new DestroySandbox("s1"), Long);

        Assert.True(report.Clean, string.Join("; ", report.Errors));
        Assert.Equal("Undone nydus AlreadyGone", ContainerUndo().First(e => e.StartsWith("Undone ", StringComparison.Ordinal)));
        Assert.Empty(scratch.MountTable().MountsAtOrBelow(scratch.Path + "/run"));
    }

    private async Task<(IActorRef Manager, SandboxLayout Layout, string Bootstrap)> CreateAsync(IActorRef native, NamespaceScratch scratch, string socket)
    {
        var settings = new SandboxTreeSettings { RunDir = scratch.Path + "/run", NydusApiSocket = socket };
        var bootstrap = scratch.Image("images/c1/image.boot", 4096);
        var snapshots = scratch.Dir("snapshots/c1");
        var manager = Sys.ActorOf(SandboxManager.Props(native, settings), SandboxManager.Name);
        await manager.Ask<SandboxInfo>(new CreateSandbox("s1"), Long);
        var created = await manager.Ask<ContainerCreatedReply>(new AddContainer("s1", new ContainerSpec(
            "c1", new RootfsSpec(RootfsKind.Nydus, bootstrap, SnapshotDir: snapshots, DaemonConfig: DaemonConfig), [], [])), Long);
        var layout = settings.Layout("s1");
        Assert.Equal(RootfsKind.Nydus, created.Plan.Rootfs.Type);
        Assert.Equal("/run/kata-containers/shared/rafs/c1/lowerdir", created.Plan.Rootfs.RafsGuestPath);
        Assert.Equal(layout.GuestPath(layout.SnapshotDir("c1")), created.Plan.Rootfs.SnapshotDirGuestPath);
        return (manager, layout, bootstrap);
    }

    /// <summary>The container's undo events, in journal order.</summary>
    private IReadOnlyList<string> ContainerUndo()
    {
        var incarnation = JournalEvents.Read(this, SandboxManager.Name).OfType<SandboxRegistered>().Single(r => r.SandboxId == "s1").Incarnation;
        var added = JournalEvents.Read(this, SandboxSupervisor.PersistenceIdFor("s1", incarnation)).OfType<ContainerAddedV2>().Single();
        var events = JournalEvents.Describe(this, added.PersistenceId);
        return [.. events.Where(e => e.StartsWith("UndoStarted ", StringComparison.Ordinal) || e.StartsWith("Undone ", StringComparison.Ordinal))];
    }
}
