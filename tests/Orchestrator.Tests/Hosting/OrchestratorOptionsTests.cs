using Microsoft.Extensions.Configuration;
using Orchestrator.Hosting;

namespace Orchestrator.Tests.Hosting;

public sealed class OrchestratorOptionsTests
{
    [Fact]
    public void Load_RetainDestroyedSecondsUnset_FiveMinutesHandedToTheTree()
    {
        var options = OrchestratorOptions.Load(Configuration([]));

        Assert.Equal(TimeSpan.FromSeconds(300), options.RetainDestroyed);
        Assert.Equal(TimeSpan.FromSeconds(300), options.ToTreeSettings().RetainDestroyed);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("604800", 604_800)]
    public void Load_RetainDestroyedSecondsInRange_Taken(string value, int seconds)
    {
        var options = OrchestratorOptions.Load(Configuration(new() { ["Orchestrator:Journal:RetainDestroyedSeconds"] = value }));

        Assert.Equal(TimeSpan.FromSeconds(seconds), options.ToTreeSettings().RetainDestroyed);
    }

    [Theory]
    [InlineData("-1", "must be between 0 and 604800, got -1")]
    [InlineData("604801", "must be between 0 and 604800, got 604801")]
    [InlineData("5m", "must be an integer, got '5m'")]
    public void Load_RetainDestroyedSecondsInvalid_RefusedNamingTheKey(string value, string problem)
    {
        var error = Assert.Throws<ConfigurationProblemException>(() =>
            OrchestratorOptions.Load(Configuration(new() { ["Orchestrator:Journal:RetainDestroyedSeconds"] = value })));

        Assert.Contains("Orchestrator:Journal:RetainDestroyedSeconds", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PassivateIdleContainersAfterSecondsUnset_ThirtySecondsHandedToTheTree()
    {
        var options = OrchestratorOptions.Load(Configuration([]));

        Assert.Equal(TimeSpan.FromSeconds(30), options.ToTreeSettings().PassivateIdleContainersAfter);
    }

    [Theory]
    [InlineData("120", 120)]
    [InlineData("0", 0)]
    [InlineData("-1", 0)]
    [InlineData("86400", 86_400)]
    public void Load_PassivateIdleContainersAfterSeconds_TakenZeroOrNegativeMeaningNever(string value, int seconds)
    {
        var options = OrchestratorOptions.Load(Configuration(new() { ["Orchestrator:PassivateIdleContainersAfterSeconds"] = value }));

        Assert.Equal(TimeSpan.FromSeconds(seconds), options.ToTreeSettings().PassivateIdleContainersAfter);
    }

    [Theory]
    [InlineData("86401", "must be between")]
    [InlineData("30s", "must be an integer, got '30s'")]
    public void Load_PassivateIdleContainersAfterSecondsInvalid_RefusedNamingTheKey(string value, string problem)
    {
        var error = Assert.Throws<ConfigurationProblemException>(() =>
            OrchestratorOptions.Load(Configuration(new() { ["Orchestrator:PassivateIdleContainersAfterSeconds"] = value })));

        Assert.Contains("Orchestrator:PassivateIdleContainersAfterSeconds", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
