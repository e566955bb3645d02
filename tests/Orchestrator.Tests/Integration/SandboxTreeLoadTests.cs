using System.Diagnostics;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Native;
using Orchestrator.Actors.Plans;
using Akka.Actor;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Native.Loop;
using Orchestrator.TestKit.Privileges;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Integration;

/// <summary>
/// Many sandboxes with containers that bring every kind of host mount, through the real actors
/// and the real kernel, inside the native actor's private mount namespace; then all of it torn
/// down with nothing left.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class SandboxTreeLoadTests()
    : TreeTestKit
{
    private const int Sandboxes = 50;
    private const int ContainersPerSandbox = 4;

    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [RootFact]
    public async Task CreateAndDestroy_FiftySandboxesOfFourContainersWithEveryMountKind_AllMountedThenNothingLeft()
    {
        var native = Sys.ActorOf(NativeCallActor.Props(MountNamespaceMode.Private), "native");
        // An emptyDir on disk must not live on tmpfs, and /tmp may be one.
        var disk = Directory.CreateDirectory(Path.Combine("/var/tmp", "tree-load-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        var images = new List<string>();
        try
        {
            await using var scratch = await NamespaceScratch.CreateAsync(native, "tree-load-", 512L * 1024 * 1024);
            var settings = new SandboxTreeSettings { RunDir = scratch.Path + "/run" };
            var manager = Sys.ActorOf(SandboxManager.Props(native, settings), SandboxManager.Name);
            var sources = new Sources(
                Plain: scratch.Dir("data", files: 1),
                ReadOnly: scratch.Dir("ro", files: 1),
                ConfigMap: scratch.Dir("pods/p1/volumes/kubernetes.io~configmap/cfg", files: 3),
                Secret: scratch.Dir("pods/p1/volumes/kubernetes.io~secret/token", files: 1),
                DiskEmptyDir: Directory.CreateDirectory(Path.Combine(disk, "pods/p1/volumes/kubernetes.io~empty-dir/cache")).FullName,
                TmpfsEmptyDir: scratch.Dir("pods/p1/volumes/kubernetes.io~empty-dir/mem"),
                Hot: scratch.Dir("hot", files: 1));

            await Task.WhenAll(Enumerable.Range(0, Sandboxes).Select(s => manager.Ask<SandboxInfo>(new CreateSandbox(SandboxId(s)), Long)));
            var creates = new List<Task<(string Sandbox, ContainerCreatedReply Reply)>>();
            for (var s = 0; s < Sandboxes; s++)
            {
                for (var c = 0; c < ContainersPerSandbox; c++)
                {
                    var rootfs = scratch.Dir($"images/{s}-{c}");
                    var image = scratch.Image($"images/{s}-{c}.img");
                    images.Add(image);
                    creates.Add(CreateAsync(manager, SandboxId(s), Spec($"c{c}", rootfs, image, sources)));
                }
            }

            var created = await Task.WhenAll(creates);
            var hot = await Task.WhenAll(created.Select(c => manager.Ask<PathAddedReply>(
                new AddPath(c.Sandbox, c.Reply.Plan.ContainerId, sources.Hot, "/hot", ReadOnly: true), Long)));
            var table = scratch.MountTable();

            foreach (var (sandbox, reply) in created)
            {
                CheckPlan(settings.Layout(sandbox), reply.Plan, table, sources);
            }

            foreach (var ((sandbox, reply), path) in created.Zip(hot.Select(h => h.Path)))
            {
                var target = settings.Layout(sandbox).HostMount(reply.Plan.ContainerId, "hot:/hot");
                Assert.True(table.IsMountPoint(target), target + " is not mounted");
                Assert.True(table.FindByMountPoint(path.SharedPath)?.IsReadOnly, path.SharedPath + " is not a read-only mount");
                Assert.Equal(settings.Layout(sandbox).GuestPath(target), path.GuestPath);
            }

            var loops = images.Select(i => LoopDevices.FindByBackingFile(i)).ToList();
            Assert.All(loops, l => Assert.Single(l));

            var reports = await Task.WhenAll(Enumerable.Range(0, Sandboxes).Select(s => manager.Ask<TeardownReport>(new DestroySandbox(SandboxId(s)), Long)));

            Assert.All(reports, r => Assert.True(r.Clean, string.Join("; ", r.Errors)));
            Assert.Empty(scratch.MountTable().MountsAtOrBelow(settings.RunDir));
            Assert.Empty(Directory.EnumerateFileSystemEntries(scratch.InNamespace(settings.RunDir + "/sandboxes")));
            Assert.Empty(images.SelectMany(i => LoopDevices.FindByBackingFile(i)));
            Assert.DoesNotContain(LoopDevices.List(), l => l.BackingFile.StartsWith(scratch.Path, StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(disk, recursive: true);
        }
    }

    private static string SandboxId(int s) => $"s{s:00}";

    private static async Task<(string, ContainerCreatedReply)> CreateAsync(IActorRef manager, string sandboxId, ContainerSpec spec) =>
        (sandboxId, await manager.Ask<ContainerCreatedReply>(new AddContainer(sandboxId, spec), Long));

    private static ContainerSpec Spec(string id, string rootfs, string image, Sources s) => new(
        id,
        new RootfsSpec(RootfsKind.Bind, rootfs),
        [
            new MountSpec(s.ReadOnly, "/ro", ReadOnly: true),
            new MountSpec(s.Plain, "/data"),
            new MountSpec(s.ConfigMap, "/etc/cfg", ReadOnly: true),
            new MountSpec(s.Secret, "/var/run/secrets/token", ReadOnly: true),
            new MountSpec(s.DiskEmptyDir, "/cache"),
            new MountSpec(s.TmpfsEmptyDir, "/scratch"),
            new MountSpec("/proc", "/host-proc"),
            new MountSpec("/dev/null", "/dev/custom-null"),
        ],
        [new VolumeSpec(image, "/vol", "ext4")]);

    private static void CheckPlan(SandboxLayout layout, ContainerPlan plan, Orchestrator.Native.MountTables.MountTable table, Sources s)
    {
        var id = plan.ContainerId;
        var index = int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(table.IsMountPoint(layout.Rootfs(id)), layout.Rootfs(id) + " is not mounted");
        Assert.True(table.IsMountPoint(layout.SharedView(layout.Rootfs(id))));
        Assert.Equal(layout.GuestPath(layout.Rootfs(id)), plan.Rootfs.GuestPath);
        Assert.Equal(["/cache", "/data", "/etc/cfg", "/ro", "/var/run/secrets/token"], plan.SharedPaths.Select(p => p.ContainerPath).Order(StringComparer.Ordinal));
        foreach (var shared in plan.SharedPaths)
        {
            Assert.True(table.IsMountPoint(layout.HostMount(id, shared.ContainerPath)), shared.ContainerPath + " is not mounted under mounts/");
            var view = table.FindByMountPoint(shared.SharedPath);
            Assert.True(view is not null, shared.SharedPath + " is not a mount point");
            Assert.Equal(shared.ReadOnly, view!.IsReadOnly);
            Assert.Equal(layout.GuestPath(layout.HostMount(id, shared.ContainerPath)), shared.GuestPath);
            Assert.StartsWith(SandboxLayout.GuestSharedRoot + "/", shared.GuestPath, StringComparison.Ordinal);
        }

        Assert.Equal(["/etc/cfg", "/ro", "/var/run/secrets/token"], plan.SharedPaths.Where(p => p.ReadOnly).Select(p => p.ContainerPath).Order(StringComparer.Ordinal));
        Assert.True(plan.SharedPaths.Single(p => p.ContainerPath == "/etc/cfg").Watchable);
        Assert.True(plan.SharedPaths.Single(p => p.ContainerPath == "/var/run/secrets/token").Watchable);
        var device = Assert.Single(plan.BlockDevices);
        Assert.Equal("/dev/vd" + (char)('a' + index), device.GuestAddress);
        Assert.StartsWith("/dev/loop", device.HostDevice, StringComparison.Ordinal);
        var guest = plan.GuestMounts.ToDictionary(m => m.Destination);
        Assert.Equal("tmpfs", guest["/scratch"].Type);
        Assert.Equal("/dev/null", guest["/dev/custom-null"].Source);
        Assert.False(guest.ContainsKey("/host-proc"));
        Assert.Equal(device.GuestAddress, guest["/vol"].Source);
        Assert.Equal("proc", guest["/proc"].Type);
        Assert.DoesNotContain(plan.SharedPaths, p => p.HostPath == s.TmpfsEmptyDir);
    }

    private sealed record Sources(string Plain, string ReadOnly, string ConfigMap, string Secret, string DiskEmptyDir, string TmpfsEmptyDir, string Hot);
}
