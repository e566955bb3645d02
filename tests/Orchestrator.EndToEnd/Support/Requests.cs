using System.Net;
using System.Text;
using Orchestrator.Api.Contracts;

namespace Orchestrator.EndToEnd.Support;

/// <summary>Request and assertion helpers over an <see cref="HttpClient"/> bound to the server's socket.</summary>
public static class Requests
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<T> ExpectAsync<T>(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, ApiJson.Options)!;
    }

    public static async Task<ProblemResponse> ExpectProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal(ProblemTypes.MediaType, response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ExpectAsync<ProblemResponse>(status);
        Assert.Equal(type, problem.Type);
        Assert.Equal((int)status, problem.Status);
        return problem;
    }

    public static string Sandbox(string id, string sharedFs = "virtiofs") => $$"""{"id":"{{id}}","sharedFs":"{{sharedFs}}"}""";

    public static string BindContainer(string id, string source, string? mountSource = null)
    {
        var rootfs = $$"""{"type":"bind","source":"{{source}}"}""";
        var mounts = mountSource is null ? "[]" : $$"""[{"source":"{{mountSource}}","destination":"/data","readOnly":true}]""";
        return $$"""{"id":"{{id}}","rootfs":""" + rootfs + ""","mounts":""" + mounts + "}";
    }
}
