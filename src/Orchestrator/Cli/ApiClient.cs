using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Native.Net;

namespace Orchestrator.Cli;

/// <summary>
/// The CLI's HTTP client: JSON over the server's unix socket. <paramref name="socketOrigin"/> says where
/// the socket's path came from (<c>--socket</c>, a configuration key), for the message when nothing answers there.
/// </summary>
public sealed class ApiClient(string socketPath, TimeSpan timeout, string? socketOrigin = null) : IDisposable
{
    private readonly HttpClient _http = UnixSocketHttp.Create(socketPath, timeout, maxConnections: 2);

    public string SocketPath { get; } = socketPath;

    public Task<ApiResponse> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    public Task<ApiResponse> DeleteAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Delete, path, null, ct);

    public Task<ApiResponse> PostAsync(string path, JsonNode body, CancellationToken ct) => SendAsync(HttpMethod.Post, path, body, ct);

    public void Dispose() => _http.Dispose();

    private string Unreachable(SocketException e) => e.SocketErrorCode switch
    {
        _ when !File.Exists(SocketPath) => "no such socket",
        SocketError.ConnectionRefused => "nothing listens on it (a server that was killed leaves its socket behind)",
        SocketError.AccessDenied => "permission denied (the socket is for its owner and group)",
        _ => e.Message,
    };

    private async Task<ApiResponse> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException s)
        {
            var origin = socketOrigin is null ? string.Empty : $" ({socketOrigin})";
            throw new CliException(ExitCodes.ServerError, $"cannot reach the orchestrator at {SocketPath}{origin}: {Unreachable(s)}; is 'orchestrator serve' running with this configuration? (--socket picks another)");
        }
        catch (HttpRequestException e)
        {
            // Connected, but the answer never came whole: the server stopped or crashed mid-request.
            throw new CliException(ExitCodes.ServerError, $"the orchestrator at {SocketPath} dropped {method} {path} before answering ({e.InnerException?.Message ?? e.Message}); the request may or may not have taken effect: look with 'sandbox ls'");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.ServerError, $"the orchestrator at {SocketPath} did not answer {method} {path} within {_http.Timeout.TotalSeconds:0}s");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            JsonNode? parsed = null;
            if (text.Length > 0)
            {
                try
                {
                    parsed = JsonNode.Parse(text);
                }
                catch (JsonException)
                {
                    // Not JSON (a proxy's error page, say): the raw text is still shown to the user.
                }
            }

            return new ApiResponse((int)response.StatusCode, text, parsed);
        }
    }
}
