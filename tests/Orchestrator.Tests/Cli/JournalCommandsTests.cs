using System.Text.Json;
using Microsoft.Data.Sqlite;
using Orchestrator.Cli;
using Orchestrator.Tests.Persistence;
using Orchestrator.Tests.Persistence.Sql;

namespace Orchestrator.Tests.Cli;

/// <summary><c>journal ids|show|plan</c> read the journal the configuration names, say which, and never make one.</summary>
public sealed class JournalCommandsTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private string StateDir => Path.Combine(_directory.Path, "state");

    [Fact]
    public async Task Ids_StateDirOverride_ThatJournalsIdsAndItsNameOnStderr()
    {
        ReleaseJournalFixture.CopyTo(StateDir);

        var (code, output, error) = await CliContextTests.RunAsync(["journal", "ids", "--Orchestrator:StateDir", StateDir]);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(ReleaseJournalFixture.PersistenceIds(), output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"journal: sqlite {StateDir}/journal.db (Orchestrator:StateDir from --Orchestrator:StateDir)", error.TrimEnd());
    }

    [Theory]
    [InlineData("ids")]
    [InlineData("show", "sandbox-s1-1")]
    [InlineData("plan", "s1", "--destroy")]
    public async Task Json_AnyJournalCommand_StdoutIsJsonOnlyAndTheJournalNamedOnStderr(params string[] command)
    {
        ReleaseJournalFixture.CopyTo(StateDir);

        var (code, output, error) = await CliContextTests.RunAsync(["journal", .. command, "--json", $"--Orchestrator:StateDir={StateDir}"]);

        Assert.Equal(ExitCodes.Ok, code);
        using var parsed = JsonDocument.Parse(output);
        Assert.NotEqual(JsonValueKind.Null, parsed.RootElement.ValueKind);
        Assert.StartsWith($"journal: sqlite {StateDir}/journal.db", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_Text_OneHeadingAndOneRowPerEvent()
    {
        ReleaseJournalFixture.CopyTo(StateDir);

        var (code, output, _) = await CliContextTests.RunAsync(["journal", "show", "sandboxes", $"--Orchestrator:StateDir={StateDir}"]);

        var expected = ReleaseJournalFixture.Rows().Count(r => r.PersistenceId == "sandboxes");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.StartsWith($"sandboxes: {expected} events, ", lines[0], StringComparison.Ordinal);
        Assert.Equal(expected, lines.Count(l => l.Contains(" sandboxes.registered.v1 ", StringComparison.Ordinal) || l.Contains(" sandboxes.unregistered.v1 ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("ids")]
    [InlineData("show", "sandboxes")]
    [InlineData("plan", "s1")]
    public async Task AnyJournalCommand_NoJournalThere_NotFoundAndNothingCreated(params string[] command)
    {
        var (code, output, error) = await CliContextTests.RunAsync(["journal", .. command, "--Orchestrator:StateDir", StateDir]);

        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Empty(output);
        Assert.Equal(
            [$"journal: sqlite {StateDir}/journal.db (Orchestrator:StateDir from --Orchestrator:StateDir)",
             $"error: journal {StateDir}/journal.db: no such file; is Orchestrator:StateDir the server's?"],
            error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(StateDir));
    }

    [Fact]
    public async Task Ids_EmptyFile_NotFoundAndTheFileUntouched()
    {
        Directory.CreateDirectory(StateDir);
        var journal = Path.Combine(StateDir, "journal.db");
        await File.WriteAllBytesAsync(journal, []);

        var (code, _, error) = await CliContextTests.RunAsync(["journal", "ids", "--Orchestrator:StateDir", StateDir]);

        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains("holds no journal", error, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        Assert.Equal(0, new FileInfo(journal).Length);
        Assert.Equal([journal], Directory.GetFileSystemEntries(StateDir));
    }

    [Fact]
    public async Task Ids_NotADatabase_ServerErrorNamingTheFile()
    {
        Directory.CreateDirectory(StateDir);
        var journal = Path.Combine(StateDir, "journal.db");
        await File.WriteAllTextAsync(journal, "these are not the tables you are looking for, and this is not SQLite at all");

        var (code, _, error) = await CliContextTests.RunAsync(["journal", "ids", "--Orchestrator:StateDir", StateDir]);

        Assert.Equal(ExitCodes.ServerError, code);
        Assert.Contains($"error: journal {journal}: cannot be read", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ids_InvalidConfiguration_BadInputAndNoJournalOpened()
    {
        var (code, _, error) = await CliContextTests.RunAsync(["journal", "ids", "--Orchestrator:StateDir=state"]);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("error: invalid configuration: Orchestrator:StateDir: must be an absolute path, got 'state'", error.TrimEnd());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
