using Orchestrator.Cli;
using Orchestrator.Tests.Persistence;

namespace Orchestrator.Tests.Cli;

/// <summary>The client commands find the server's socket in the configuration <c>serve</c> reads.</summary>
public sealed class CliContextTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Theory]
    [InlineData("status", "--Orchestrator:RunDir={0}")]
    [InlineData("--Orchestrator:RunDir", "{0}", "sandbox", "ls")]
    [InlineData("sandbox", "show", "s1", "--Orchestrator:RunDir", "{0}", "--json")]
    public async Task Client_RunDirOverride_SocketInThatRunDir(params string[] line)
    {
        var (code, _, error) = await RunAsync([.. line.Select(a => string.Format(System.Globalization.CultureInfo.InvariantCulture, a, _directory.Path))]);

        Assert.Equal(ExitCodes.ServerError, code);
        Assert.StartsWith(
            $"error: cannot reach the orchestrator at {_directory.Path}/orchestrator.sock (<Orchestrator:RunDir>/orchestrator.sock, Orchestrator:RunDir from --Orchestrator:RunDir): no such socket;",
            error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_SocketOverride_WinsOverTheRunDir()
    {
        var socket = Path.Combine(_directory.Path, "api.sock");

        var (code, _, error) = await RunAsync(["status", "--Orchestrator:RunDir=/elsewhere", "--Orchestrator:Socket", socket]);

        Assert.Equal(ExitCodes.ServerError, code);
        Assert.StartsWith($"error: cannot reach the orchestrator at {socket} (Orchestrator:Socket from --Orchestrator:Socket)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_InvalidConfiguration_BadInputNamingTheKey()
    {
        var (code, output, error) = await RunAsync(["sandbox", "ls", "--Orchestrator:RunDir=relative/run"]);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("error: invalid configuration: Orchestrator:RunDir: must be an absolute path, got 'relative/run'", error.TrimEnd());
        Assert.Empty(output);
    }

    [Fact]
    public async Task Client_ExplicitSocketWithInvalidConfiguration_ConfigurationNotConsulted()
    {
        var socket = Path.Combine(_directory.Path, "explicit.sock");

        var (code, _, error) = await RunAsync(["status", "--Orchestrator:RunDir=relative/run", "--socket", socket]);

        Assert.Equal(ExitCodes.ServerError, code);
        Assert.StartsWith($"error: cannot reach the orchestrator at {socket} (--socket): no such socket", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OverrideWithoutValue_BadInputBeforeAnything()
    {
        var (code, _, error) = await RunAsync(["status", "--Orchestrator:RunDir"]);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("error: --Orchestrator:RunDir needs a value", error, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    internal static async Task<(int Code, string Output, string Error)> RunAsync(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
