using Orchestrator.Actors.Containers;
using Orchestrator.Api.Contracts;

namespace Orchestrator.Drills;

/// <summary>
/// Requests through the API that record, in a <see cref="DrillModel"/>, what was asked and what was
/// acknowledged. Each returns false once the server is gone (the workload then stops); an answer
/// other than success fails the drill, since nothing in a drill is meant to be refused.
/// </summary>
internal sealed partial class DrillWorkload(DrillEnvironment environment, DrillApi api, DrillModel model)
{
    /// <summary>The rootfs and volume combinations a container can be made of.</summary>
    public enum Shape
    {
        /// <summary>A bind rootfs and a read-only bind mount.</summary>
        Bind,

        /// <summary>A block rootfs from an image file (a loop device) and a loop-device volume.</summary>
        Block,

        /// <summary>A nydus rootfs against the fake nydusd.</summary>
        Nydus,
    }

    public DrillModel Model => model;

    public Task<bool> CreateSandboxAsync(string sandboxId) =>
        RunAsync($"POST sandbox {sandboxId}", HttpMethod.Post, "/v1/sandboxes", new CreateSandboxRequest(sandboxId, SharedFsKind.VirtioFs),
            () => model.Sandboxes[sandboxId] = Expected.CreateInFlight,
            () => model.Sandboxes[sandboxId] = Expected.Acknowledged);

    public Task<bool> CreateContainerAsync(string sandboxId, string containerId, Shape shape)
    {
        var request = shape switch
        {
            Shape.Bind => new CreateContainerRequest(
                containerId,
                new RootfsRequest(RootfsKind.Bind, environment.NewDirectory("rootfs")),
                Mounts: [new MountRequest(environment.NewDirectory("data"), "/data", ReadOnly: true)]),
            Shape.Block => new CreateContainerRequest(
                containerId,
                new RootfsRequest(RootfsKind.Block, environment.NewImage("rootfs"), FsType: "ext4"),
                Volumes: [new VolumeRequest(environment.NewImage("volume"), "/volume", "ext4")]),
            _ => new CreateContainerRequest(
                containerId,
                new RootfsRequest(RootfsKind.Nydus, environment.NewBootstrap(), SnapshotDir: environment.NewDirectory("snapshot"), DaemonConfig: "{\"device\":{}}")),
        };
        return RunAsync($"POST container {sandboxId}/{containerId} ({shape})", HttpMethod.Post, $"/v1/sandboxes/{sandboxId}/containers", request,
            () => model.Containers[(sandboxId, containerId)] = Expected.CreateInFlight,
            () => model.Containers[(sandboxId, containerId)] = Expected.Acknowledged);
    }

    public Task<bool> AddPathAsync(string sandboxId, string containerId, string containerPath) =>
        RunAsync($"POST path {sandboxId}/{containerId}{containerPath}", HttpMethod.Post, $"/v1/sandboxes/{sandboxId}/containers/{containerId}/paths",
            new AddPathRequest(environment.NewDirectory("hot"), containerPath),
            () => model.Paths[(sandboxId, containerId, containerPath)] = Expected.CreateInFlight,
            () => model.Paths[(sandboxId, containerId, containerPath)] = Expected.Acknowledged);

    public Task<bool> RemovePathAsync(string sandboxId, string containerId, string containerPath) =>
        RunAsync($"DELETE path {sandboxId}/{containerId}{containerPath}", HttpMethod.Delete,
            $"/v1/sandboxes/{sandboxId}/containers/{containerId}/paths?containerPath={Uri.EscapeDataString(containerPath)}", null,
            () => model.Paths[(sandboxId, containerId, containerPath)] = Expected.DeleteInFlight,
            () => model.Paths[(sandboxId, containerId, containerPath)] = Expected.Deleted);

    public Task<bool> DeleteContainerAsync(string sandboxId, string containerId) =>
        RunAsync($"DELETE container {sandboxId}/{containerId}", HttpMethod.Delete, $"/v1/sandboxes/{sandboxId}/containers/{containerId}", null,
            () => model.Containers[(sandboxId, containerId)] = Expected.DeleteInFlight,
            () => model.Containers[(sandboxId, containerId)] = Expected.Deleted);

    public Task<bool> DeleteSandboxAsync(string sandboxId) =>
        RunAsync($"DELETE sandbox {sandboxId}", HttpMethod.Delete, $"/v1/sandboxes/{sandboxId}", null,
            () => model.Sandboxes[sandboxId] = Expected.DeleteInFlight,
            () => model.Sandboxes[sandboxId] = Expected.Deleted);

    private async Task<bool> RunAsync(string what, HttpMethod method, string path, object? body, Action sending, Action acknowledged)
    {
        model.InFlight = what;
        sending();
        var result = await api.SendAsync(method, path, body).ConfigureAwait(false);
        if (result.Lost)
        {
            return false;
        }

        if (!result.Succeeded)
        {
            throw new DrillException($"{what} answered {(int)result.Status!.Value}: {result.Body}");
        }

        acknowledged();
        model.InFlight = null;
        return true;
    }
}
