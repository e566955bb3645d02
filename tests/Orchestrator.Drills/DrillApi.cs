using System.Net.Http.Json;
using Orchestrator.Api.Contracts;

namespace Orchestrator.Drills;

/// <summary>The orchestrator's API as the drills call it: one request at a time, a lost connection is an answer.</summary>
internal sealed class DrillApi(HttpClient client)
{
    public async Task<ApiResult> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: ApiJson.Options);
        }

        try
        {
            using var response = await client.SendAsync(request).ConfigureAwait(false);
            return new ApiResult(response.StatusCode, await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        }
        catch (HttpRequestException e)
        {
            // Refused, reset or cut mid-answer: the server is gone, which is what a drill waits for.
            return new ApiResult(null, e.Message);
        }
    }

    public async Task<T> GetAsync<T>(string path)
    {
        var result = await SendAsync(HttpMethod.Get, path).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new DrillException($"GET {path} answered {result.Status?.ToString() ?? "nothing"}: {result.Body}");
        }

        return System.Text.Json.JsonSerializer.Deserialize<T>(result.Body, ApiJson.Options)
            ?? throw new DrillException($"GET {path} answered null");
    }
}
