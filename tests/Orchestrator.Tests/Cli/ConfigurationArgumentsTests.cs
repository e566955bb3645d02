using Orchestrator.Cli;

namespace Orchestrator.Tests.Cli;

public sealed class ConfigurationArgumentsTests
{
    [Theory]
    [InlineData(new[] { "--Orchestrator:RunDir=/x", "sandbox", "ls" }, new[] { "sandbox", "ls" }, new[] { "--Orchestrator:RunDir=/x" })]
    [InlineData(new[] { "sandbox", "ls", "--Orchestrator:RunDir", "/x" }, new[] { "sandbox", "ls" }, new[] { "--Orchestrator:RunDir=/x" })]
    [InlineData(new[] { "journal", "--Orchestrator:StateDir", "/s", "show", "sandboxes", "--json" }, new[] { "journal", "show", "sandboxes", "--json" }, new[] { "--Orchestrator:StateDir=/s" })]
    [InlineData(new[] { "--Orchestrator:Journal:ConnectionString=Host=/pg;Database=j", "--Serilog:MinimumLevel:Default", "Debug" }, new string[0], new[] { "--Orchestrator:Journal:ConnectionString=Host=/pg;Database=j", "--Serilog:MinimumLevel:Default=Debug" })]
    [InlineData(new[] { "status", "--socket", "/a:b", "--timeout", "5" }, new[] { "status", "--socket", "/a:b", "--timeout", "5" }, new string[0])]
    [InlineData(new[] { "container", "add", "s1", "--mount", "/a:/b:ro" }, new[] { "container", "add", "s1", "--mount", "/a:/b:ro" }, new string[0])]
    [InlineData(new[] { "sandbox", "show", "--", "--Orchestrator:RunDir=/x" }, new[] { "sandbox", "show", "--", "--Orchestrator:RunDir=/x" }, new string[0])]
    [InlineData(new[] { "--Orchestrator:RunDir=" }, new string[0], new[] { "--Orchestrator:RunDir=" })]
    [InlineData(new[] { "journal", "ids", "--config", "/etc/orchestrator/appsettings.json" }, new[] { "journal", "ids" }, new[] { "--config=/etc/orchestrator/appsettings.json" })]
    [InlineData(new[] { "--config=/c.json", "status" }, new[] { "status" }, new[] { "--config=/c.json" })]
    public void Split_Line_OverridesAnywhereOutAndNormalised(string[] args, string[] tokens, string[] overrides)
    {
        var line = ConfigurationArguments.Split(args);

        Assert.Equal(tokens, line.CommandTokens);
        Assert.Equal(overrides, line.Overrides);
    }

    [Theory]
    [InlineData("--Orchestrator:RunDir")]
    [InlineData("--Orchestrator:RunDir", "--json")]
    public void Split_OverrideWithoutValue_BadInputNamingIt(params string[] args)
    {
        var error = Assert.Throws<CliException>(() => ConfigurationArguments.Split(["status", .. args]));

        Assert.Equal(ExitCodes.BadInput, error.ExitCode);
        Assert.StartsWith("--Orchestrator:RunDir needs a value", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Orchestrator:RunDir", true)]
    [InlineData("--Orchestrator:Teardown:MaxAttempts=3", true)]
    [InlineData("--a:b", true)]
    [InlineData("--socket", false)]
    [InlineData("--:b", false)]
    [InlineData("--a:", false)]
    [InlineData("-Orchestrator:RunDir=/x", false)]
    [InlineData("/a:/b", false)]
    [InlineData("--mount=/a:/b", false)]
    public void IsOverride_Token_OnlyLongOptionsWithASectionAndKey(string arg, bool expected) =>
        Assert.Equal(expected, ConfigurationArguments.IsOverride(arg));
}
