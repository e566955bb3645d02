using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Orchestrator.TestKit.Nydus;

/// <summary>
/// A process-local stand-in for nydusd that speaks its API on a unix socket: <c>GET /api/v1/daemon</c>,
/// <c>POST</c> and <c>DELETE /api/v1/mount?mountpoint=…</c>. It validates bodies the way nydusd does
/// (<c>fs_type</c>, <c>source</c>, <c>config</c> as a JSON string), refuses an occupied mount point,
/// answers 204 on success and <c>{"code","message"}</c> on errors, and records every call.
/// </summary>
public sealed class FakeNydusd : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _mounts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<NydusCall> _calls = new();

    private FakeNydusd(string socketPath, WebApplication app)
    {
        SocketPath = socketPath;
        _app = app;
    }

    public string SocketPath { get; }

    /// <summary>Mount points currently mounted, with the bootstrap each serves.</summary>
    public IReadOnlyDictionary<string, string> Mounts => _mounts;

    public IReadOnlyList<NydusCall> Calls => _calls.ToArray();

    /// <summary>When set, every mount request fails with this message (an injected daemon error).</summary>
    public string? FailMountsWith { get; set; }

    public static async Task<FakeNydusd> StartAsync(string socketPath)
    {
        if (File.Exists(socketPath))
        {
            File.Delete(socketPath);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(socketPath));
        var app = builder.Build();
        var fake = new FakeNydusd(socketPath, app);
        app.MapGet("/api/v1/daemon", (Delegate)fake.Daemon);
        app.MapPost("/api/v1/mount", (Delegate)fake.MountAsync);
        app.MapDelete("/api/v1/mount", (Delegate)fake.Unmount);
        await app.StartAsync().ConfigureAwait(false);
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (File.Exists(SocketPath))
        {
            File.Delete(SocketPath);
        }
    }

    private IResult Daemon(HttpContext context)
    {
        Record(context, string.Empty);
        return Results.Json(new { id = "fake-nydusd", version = new { package_ver = "fake" }, state = "RUNNING" });
    }

    private async Task<IResult> MountAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync().ConfigureAwait(false);
        var mountPoint = Record(context, body);
        if (mountPoint is null)
        {
            return Error(StatusCodes.Status400BadRequest, "InvalidArgument", "query parameter mountpoint is required");
        }

        string fsType, source, config;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            fsType = root.GetProperty("fs_type").GetString() ?? string.Empty;
            source = root.GetProperty("source").GetString() ?? string.Empty;
            config = root.GetProperty("config").GetString() ?? string.Empty;
            using var _ = JsonDocument.Parse(config);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Error(StatusCodes.Status400BadRequest, "InvalidArgument", $"malformed mount request: {e.Message}");
        }

        if (fsType != "rafs" || source.Length == 0)
        {
            return Error(StatusCodes.Status400BadRequest, "InvalidArgument", $"unsupported fs_type '{fsType}' or empty source");
        }

        if (FailMountsWith is { } injected)
        {
            return Error(StatusCodes.Status500InternalServerError, "MountFailure", injected);
        }

        return _mounts.TryAdd(mountPoint, source)
            ? Results.NoContent()
            : Error(StatusCodes.Status500InternalServerError, "MountFailure", $"mount point {mountPoint} is already mounted");
    }

    private IResult Unmount(HttpContext context)
    {
        var mountPoint = Record(context, string.Empty);
        if (mountPoint is null)
        {
            return Error(StatusCodes.Status400BadRequest, "InvalidArgument", "query parameter mountpoint is required");
        }

        return _mounts.TryRemove(mountPoint, out _)
            ? Results.NoContent()
            : Error(StatusCodes.Status404NotFound, "NotFound", $"mount point {mountPoint} does not exist");
    }

    private string? Record(HttpContext context, string body)
    {
        string? mountPoint = context.Request.Query.TryGetValue("mountpoint", out var values) ? values.ToString() : null;
        _calls.Enqueue(new NydusCall(context.Request.Method, context.Request.Path.Value ?? string.Empty, context.Request.QueryString.Value ?? string.Empty, mountPoint, body));
        return mountPoint;
    }

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { code, message }, statusCode: status);
}
