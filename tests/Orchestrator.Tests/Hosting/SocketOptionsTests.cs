using Microsoft.Extensions.Configuration;
using Orchestrator.Hosting;

namespace Orchestrator.Tests.Hosting;

public sealed class SocketOptionsTests
{
    [Theory]
    [InlineData(null, "0660")]
    [InlineData("0660", "0660")]
    [InlineData("660", "0660")]
    [InlineData("0o640", "0640")]
    [InlineData("0600", "0600")]
    [InlineData(" 0620 ", "0620")]
    public void Load_SocketMode_ParsesOctal(string? value, string expected)
    {
        var options = Load(("SocketMode", value));

        Assert.Equal(expected, OrchestratorOptions.Octal(options.SocketMode));
    }

    [Theory]
    [InlineData("0666", "gives others access")]
    [InlineData("0662", "gives others access")]
    [InlineData("0661", "gives others access")]
    [InlineData("0770", "execute")]
    [InlineData("0760", "execute")]
    [InlineData("4660", "setgid")]
    [InlineData("1660", "sticky")]
    [InlineData("rw-rw----", "octal mode")]
    [InlineData("0680", "octal mode")]
    [InlineData("06600", "octal mode")]
    [InlineData("66", "octal mode")]
    public void Load_SocketModeRefused_NamesKeyAndReason(string value, string reason)
    {
        var e = Assert.Throws<ConfigurationProblemException>(() => Load(("SocketMode", value)));

        Assert.Equal("Orchestrator:SocketMode", e.Key);
        Assert.Contains(reason, e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kvm")]
    [InlineData("vm-managers")]
    [InlineData("1234")]
    public void Load_SocketGroup_KeptAsWritten(string value) => Assert.Equal(value, Load(("SocketGroup", value)).SocketGroup);

    [Theory]
    [InlineData("a:b")]
    [InlineData("two words")]
    [InlineData("a,b")]
    public void Load_SocketGroupNotAName_NamesKey(string value)
    {
        var e = Assert.Throws<ConfigurationProblemException>(() => Load(("SocketGroup", value)));

        Assert.Equal("Orchestrator:SocketGroup", e.Key);
    }

    [Fact]
    public void Resolve_NoGroup_ServiceOwnGroup()
    {
        var access = SocketAccess.Resolve(Load());

        Assert.Equal(Orchestrator.Native.Accounts.Groups.EffectiveGroupId(), access.Gid);
        Assert.Equal(OrchestratorOptions.DefaultSocketMode, access.Mode);
    }

    [Fact]
    public void Resolve_GroupName_LooksItUp() => Assert.Equal(0u, SocketAccess.Resolve(Load(("SocketGroup", "root"))).Gid);

    [Fact]
    public void Resolve_NumericGid_TakenAsIs() => Assert.Equal(4242u, SocketAccess.Resolve(Load(("SocketGroup", "4242"))).Gid);

    [Theory]
    [InlineData("4294967295", "out of range")]
    [InlineData("99999999999", "out of range")]
    [InlineData("orchestrator-no-such-group", "no group named 'orchestrator-no-such-group'")]
    public void Resolve_UnusableGroup_NamesKey(string value, string problem)
    {
        var e = Assert.Throws<ConfigurationProblemException>(() => SocketAccess.Resolve(Load(("SocketGroup", value))));

        Assert.Equal("Orchestrator:SocketGroup", e.Key);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/run/orchestrator/orchestrator.sock", "/run/orchestrator", new[] { "/run/orchestrator" })]
    [InlineData("/run/orchestrator/api/v1/orchestrator.sock", "/run/orchestrator", new[] { "/run/orchestrator", "/run/orchestrator/api", "/run/orchestrator/api/v1" })]
    [InlineData("/run/orchestrator-api/orchestrator.sock", "/run/orchestrator", new string[0])]
    [InlineData("/run/orchestrator.sock", "/run/orchestrator", new string[0])]
    public void DirectoriesToGroup_OnlyFromRunDirDownToSocket(string socket, string runDir, string[] expected) =>
        Assert.Equal(expected, SocketAccess.DirectoriesToGroup(socket, runDir));

    private static OrchestratorOptions Load(params (string Key, string? Value)[] settings) =>
        OrchestratorOptions.Load(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(OrchestratorOptions.Section + ":" + s.Key, s.Value)))
            .Build());
}
