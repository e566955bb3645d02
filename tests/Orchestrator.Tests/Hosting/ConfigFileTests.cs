using Orchestrator.Hosting;

namespace Orchestrator.Tests.Hosting;

/// <summary>The named configuration file (<c>--config</c>); <c>ORCHESTRATOR_CONFIG</c> is process-wide and tested end to end.</summary>
public sealed class ConfigFileTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("orchestrator-config-tests-");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BuildConfiguration_NamedFile_IsTheOnlyFileRead(bool equalsForm)
    {
        var file = Write("named.json", """{"Orchestrator":{"RunDir":"/run/named"}}""");
        string[] args = equalsForm ? ["--config=" + file] : ["--config", file];

        var configuration = OrchestratorOptions.BuildConfiguration(args);

        Assert.Equal("/run/named", configuration["Orchestrator:RunDir"]);
        // appsettings.json beside the binary sets the Serilog level; the named file replaces it, not layers over it.
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json")));
        Assert.Null(configuration["Serilog:MinimumLevel:Default"]);
        Assert.Null(configuration["config"]);
    }

    [Fact]
    public void BuildConfiguration_FlagOverrides_WinOverNamedFile()
    {
        var file = Write("named.json", """{"Orchestrator":{"RunDir":"/run/named"}}""");

        var configuration = OrchestratorOptions.BuildConfiguration(["--config", file, "--Orchestrator:RunDir=/run/flag"]);

        Assert.Equal("/run/flag", configuration["Orchestrator:RunDir"]);
    }

    [Fact]
    public void BuildConfiguration_NoFileNamed_ReadsAppSettingsBesideBinary() =>
        Assert.Equal("Information", OrchestratorOptions.BuildConfiguration([])["Serilog:MinimumLevel:Default"]);

    [Fact]
    public void BuildConfiguration_NamedFileMissing_NamesFlagAndPath()
    {
        var missing = Path.Combine(_directory.FullName, "missing.json");

        var e = Assert.Throws<ConfigurationProblemException>(() => OrchestratorOptions.BuildConfiguration(["--config", missing]));

        Assert.Equal("--config", e.Key);
        Assert.Equal($"configuration file '{missing}' does not exist", e.Problem);
    }

    [Fact]
    public void BuildConfiguration_NamedDirectory_Refused()
    {
        var e = Assert.Throws<ConfigurationProblemException>(() => OrchestratorOptions.BuildConfiguration(["--config", _directory.FullName]));

        Assert.Contains("is a directory", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--config")]
    [InlineData("--config=")]
    public void BuildConfiguration_FlagWithoutFile_Refused(string flag)
    {
        var e = Assert.Throws<ConfigurationProblemException>(() => OrchestratorOptions.BuildConfiguration([flag]));

        Assert.Equal("--config", e.Key);
        Assert.Equal("needs a file name", e.Problem);
    }

    [Fact]
    public void BuildConfiguration_NamedFileNotJson_OneLineNamingFileAndPosition()
    {
        var file = Write("broken.json", "{ \"Orchestrator\": {\n  \"RunDir\": \n");

        var e = Assert.Throws<ConfigurationProblemException>(() => OrchestratorOptions.BuildConfiguration(["--config", file]));

        Assert.Equal("--config", e.Key);
        Assert.Contains(file, e.Problem, StringComparison.Ordinal);
        Assert.Contains("LineNumber", e.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private string Write(string name, string json)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, json);
        return path;
    }
}
