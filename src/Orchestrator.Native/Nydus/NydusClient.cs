using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Orchestrator.Native.Net;
using System.Text;
using System.Text.Json;

namespace Orchestrator.Native.Nydus;

/// <summary>
/// Client of nydusd's HTTP/1.1 API on its unix socket (<c>--apisock</c>). Calls are synchronous:
/// the native-call actor that owns this client runs on one dedicated thread and makes one call
/// at a time, so there is nothing to gain from async and a lot to lose in ordering clarity.
/// </summary>
public sealed class NydusClient : IDisposable
{
    private const string MountPath = "/api/v1/mount";
    private const string DaemonPath = "/api/v1/daemon";
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;

    public NydusClient(string apiSocket, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiSocket);
        if (!Path.IsPathRooted(apiSocket))
        {
            throw new ArgumentException($"nydusd API socket must be an absolute path, got '{apiSocket}'", nameof(apiSocket));
        }

        ApiSocket = apiSocket;

        // One daemon, one caller: a single pooled connection is all that is ever used.
        _http = UnixSocketHttp.Create(apiSocket, timeout ?? TimeSpan.FromSeconds(10), maxConnections: 1);
    }

    public string ApiSocket { get; }

    /// <summary>The rafs mount point nydusd serves a container's image at.</summary>
    public static string RafsMountPoint(string containerId) => $"/rafs/{containerId}/lowerdir";

    /// <summary>The request path for a mount point: percent-encoded in the query, as nydusd expects.</summary>
    public static string MountUri(string mountPoint) => $"{MountPath}?mountpoint={Uri.EscapeDataString(mountPoint)}";

    public NydusDaemonInfo GetDaemonInfo()
    {
        const string operation = "GET " + DaemonPath;
        using var response = Send(operation, null, new HttpRequestMessage(HttpMethod.Get, DaemonPath));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Failure(operation, null, response);
        }

        var body = ReadBody(response);
        return JsonSerializer.Deserialize<NydusDaemonInfo>(body)
            ?? throw new NydusApiException(operation, ApiSocket, null, response.StatusCode, null, "empty daemon info");
    }

    /// <summary>
    /// Mounts a filesystem instance. Not idempotent: nydusd refuses an occupied mount point, so a
    /// replay that is unsure whether a mount happened must unmount first.
    /// </summary>
    public void Mount(string mountPoint, NydusMountRequest request)
    {
        ValidateMountPoint(mountPoint);
        ArgumentNullException.ThrowIfNull(request);
        const string operation = "POST " + MountPath;
        var message = new HttpRequestMessage(HttpMethod.Post, MountUri(mountPoint))
        {
            Content = new StringContent(JsonSerializer.Serialize(request), Encoding.UTF8, Json),
        };
        using var response = Send(operation, mountPoint, message);
        if (response.StatusCode != HttpStatusCode.NoContent)
        {
            throw Failure(operation, mountPoint, response);
        }
    }

    /// <summary>Unmounts a filesystem instance; every "already undone" answer is a result, not an error.</summary>
    public NydusUnmountResult Unmount(string mountPoint)
    {
        ValidateMountPoint(mountPoint);
        const string operation = "DELETE " + MountPath;
        HttpResponseMessage response;
        try
        {
            response = Send(operation, mountPoint, new HttpRequestMessage(HttpMethod.Delete, MountUri(mountPoint)));
        }
        catch (NydusApiException e) when (IsDaemonGone(e))
        {
            return NydusUnmountResult.DaemonGone;
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return NydusUnmountResult.Unmounted;
            }

            var failure = Failure(operation, mountPoint, response);
            return IsMountPointMissing(failure) ? NydusUnmountResult.NotMounted : throw failure;
        }
    }

    public void Dispose() => _http.Dispose();

    private HttpResponseMessage Send(string operation, string? mountPoint, HttpRequestMessage request)
    {
        using (request)
        {
            try
            {
                return _http.Send(request);
            }
            catch (HttpRequestException e)
            {
                throw new NydusApiException(operation, ApiSocket, mountPoint, null, SocketErrorName(e), e.Message, e);
            }
            catch (TaskCanceledException e)
            {
                throw new NydusApiException(operation, ApiSocket, mountPoint, null, "timeout", $"no answer within {_http.Timeout.TotalSeconds:0.#}s", e);
            }
        }
    }

    private NydusApiException Failure(string operation, string? mountPoint, HttpResponseMessage response)
    {
        var body = ReadBody(response);
        string? code = null;
        var detail = body.Length == 0 ? response.ReasonPhrase ?? "no body" : body;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                code = doc.RootElement.TryGetProperty("code", out var c) ? c.ToString() : null;
                detail = doc.RootElement.TryGetProperty("message", out var m) ? m.ToString() : detail;
            }
        }
        catch (JsonException)
        {
            // Not every proxy or old daemon answers with JSON; the raw body is the best detail then.
        }

        return new NydusApiException(operation, ApiSocket, mountPoint, response.StatusCode, code, detail);
    }

    private static string ReadBody(HttpResponseMessage response)
    {
        using var stream = response.Content.ReadAsStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string? SocketErrorName(HttpRequestException e) =>
        e.InnerException is SocketException s ? s.SocketErrorCode.ToString() : null;

    private static bool IsDaemonGone(NydusApiException e) =>
        e.Status is null && e.Code is nameof(SocketError.AddressNotAvailable) or nameof(SocketError.ConnectionRefused);

    // nydusd answers an unknown mount point with a not-found status or an error whose message
    // says the mount point does not exist; both mean the instance is already gone.
    private static bool IsMountPointMissing(NydusApiException e) =>
        e.Status == HttpStatusCode.NotFound
        || (e.Code?.Contains("NotFound", StringComparison.OrdinalIgnoreCase) ?? false)
        || e.Detail.Contains("not found", StringComparison.OrdinalIgnoreCase)
        || e.Detail.Contains("not exist", StringComparison.OrdinalIgnoreCase)
        || e.Detail.Contains("No such file", StringComparison.OrdinalIgnoreCase);

    private static void ValidateMountPoint(string mountPoint)
    {
        ArgumentException.ThrowIfNullOrEmpty(mountPoint);
        if (mountPoint[0] != '/' || mountPoint.Split('/').Contains(".."))
        {
            throw new ArgumentException($"nydusd mount point must be absolute without '..', got '{mountPoint}'", nameof(mountPoint));
        }
    }
}
