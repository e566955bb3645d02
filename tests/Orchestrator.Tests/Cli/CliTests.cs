using System.Text.Json.Nodes;
using Orchestrator.Cli;

namespace Orchestrator.Tests.Cli;

public sealed class CliTests
{
    private static readonly string NoServer = Path.Combine(Path.GetTempPath(), "orchestrator-cli-tests-no-such.sock");

    [Theory]
    [InlineData(200, ExitCodes.Ok)]
    [InlineData(201, ExitCodes.Ok)]
    [InlineData(400, ExitCodes.BadInput)]
    [InlineData(404, ExitCodes.NotFound)]
    [InlineData(409, ExitCodes.Conflict)]
    [InlineData(500, ExitCodes.ServerError)]
    [InlineData(503, ExitCodes.ServerError)]
    public void ForStatus_EachStatus_DistinctExitCode(int status, int exitCode) => Assert.Equal(exitCode, ExitCodes.ForStatus(status));

    [Fact]
    public void Problem_ValidationWithFieldErrors_OneLinePerFieldAndBadInputCode()
    {
        var stderr = new StringWriter();
        var output = new CliOutput(json: false, new StringWriter(), stderr);
        var body = """{"type":"urn:orchestrator:problem:validation","title":"The request is invalid","status":400,"detail":"id: bad","errors":{"id":["must not contain '/'"],"mounts[0].source":["must be absolute"]}}""";

        var code = output.Problem(new ApiResponse(400, body, JsonNode.Parse(body)));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(
            ["error: The request is invalid", "  id: must not contain '/'", "  mounts[0].source: must be absolute"],
            stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Problem_NativeCallFailed_ShowsSyscallErrnoAndPaths()
    {
        var stderr = new StringWriter();
        var output = new CliOutput(json: false, new StringWriter(), stderr);
        var body = """{"title":"A native call failed","status":500,"detail":"create container c1 failed","syscall":"mount","errno":"EPERM","paths":["/a","/b"]}""";

        var code = output.Problem(new ApiResponse(500, body, JsonNode.Parse(body)));

        Assert.Equal(ExitCodes.ServerError, code);
        Assert.Contains("syscall mount: EPERM (/a, /b)", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Print_Json_WritesTheServersBodyVerbatim()
    {
        var stdout = new StringWriter();
        var output = new CliOutput(json: true, stdout, new StringWriter());
        const string body = """{"id":"s1","lifecycle":"ready"}""";

        var code = output.Print(new ApiResponse(200, body, JsonNode.Parse(body)), (_, _) => throw new InvalidOperationException("no table with --json"));

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(body, stdout.ToString().Trim());
    }

    [Theory]
    [InlineData("sandbox", "create")]
    [InlineData("sandbox", "create", "s1", "--shared-fs", "nfs")]
    [InlineData("container", "add-path", "s1")]
    [InlineData("no-such-command")]
    public async Task RunAsync_UnusableArguments_BadInput(params string[] args) =>
        Assert.Equal(ExitCodes.BadInput, await CliApp.RunAsync(args));

    [Theory]
    [InlineData("--mount", "/only-a-source")]
    [InlineData("--mount", "/a:/b:rx")]
    [InlineData("--volume", "/dev/sdb:/data")]
    public async Task RunAsync_MalformedContainerFlags_BadInputBeforeAnyRequest(string option, string value) =>
        Assert.Equal(ExitCodes.BadInput, await CliApp.RunAsync(["container", "add", "s1", "--id", "c1", "--rootfs", "/r", option, value, "--socket", NoServer]));

    [Fact]
    public async Task RunAsync_NoServerOnTheSocket_ServerErrorCode() =>
        Assert.Equal(ExitCodes.ServerError, await CliApp.RunAsync(["sandbox", "ls", "--socket", NoServer]));

    [Theory]
    [InlineData("--json")]
    [InlineData("--timeout", "5")]
    public async Task RunAsync_ServeWithAClientOption_BadInputAndNoServer(params string[] option)
    {
        var error = new StringWriter();

        // The relative run dir stops a server that started anyway before it touches anything.
        var code = await CliApp.RunAsync(["serve", .. option, "--Orchestrator:RunDir=relative"], new StringWriter(), error);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("error: serve takes neither --json nor --timeout (they are for client commands)", error.ToString().TrimEnd());
    }

    [Fact]
    public async Task RunAsync_Failpoints_ListsEveryNameAndNeedsNoServer()
    {
        var output = new StringWriter();

        Assert.Equal(ExitCodes.Ok, await CliApp.RunAsync(["failpoints"], output, new StringWriter()));

        Assert.Equal(Orchestrator.Actors.Failpoints.FailpointNames.All, output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
