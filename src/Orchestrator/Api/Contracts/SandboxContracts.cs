using System.Text.Json.Serialization;
using Orchestrator.Actors.Containers;
using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Api.Contracts;

// The sandbox bodies of the /v1 API, exactly as served (camelCase through ApiJson.Options). Request
// fields are nullable so that a missing field is reported by name as a validation problem instead of
// silently defaulting.

/// <summary>How the guest reaches the sandbox's shared directory, spelled as VM managers spell it.</summary>
public enum SharedFsKind
{
    [JsonStringEnumMemberName("virtiofs")]
    VirtioFs,

    [JsonStringEnumMemberName("9p")]
    NineP,
}

/// <summary>How block devices are hot-plugged into the VM.</summary>
public enum BlockDriverKind
{
    [JsonStringEnumMemberName("virtio-blk")]
    VirtioBlk,

    [JsonStringEnumMemberName("virtio-scsi")]
    VirtioScsi,
}

/// <summary><c>POST /v1/sandboxes</c>.</summary>
public sealed record CreateSandboxRequest(string? Id, SharedFsKind? SharedFs, BlockDriverKind? BlockDriver = null);

/// <summary>A sandbox as <c>GET /v1/sandboxes/{id}</c> and <c>POST /v1/sandboxes</c> return it.</summary>
public sealed record SandboxResponse(
    string Id,
    SandboxLifecycle Lifecycle,
    SharedFsKind SharedFs,
    BlockDriverKind BlockDriver,
    string MountsDir,
    string SharedDir,
    string? Reason,
    IReadOnlyList<ContainerSummaryResponse> Containers,
    IReadOnlyList<string> TeardownErrors);

public sealed record ContainerSummaryResponse(string Id, ContainerLifecycle Lifecycle);

/// <summary><c>GET /v1/sandboxes</c>.</summary>
public sealed record SandboxListResponse(IReadOnlyList<SandboxResponse> Sandboxes);

/// <summary>What a DELETE did; served with 200 when <see cref="Clean"/>, else inside a <c>teardown-incomplete</c> problem.</summary>
public sealed record TeardownReportResponse(string Id, bool Clean, IReadOnlyList<string> Errors);

/// <summary><c>GET /v1/health</c>: <c>ok</c> while serving, <c>draining</c> once a stop was requested.</summary>
public sealed record HealthResponse(string Status, string Version);
