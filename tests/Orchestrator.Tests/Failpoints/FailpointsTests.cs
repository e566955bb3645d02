using Orchestrator.Actors.Failpoints;
using Orchestrator.Actors.Resources;

namespace Orchestrator.Tests.Failpoints;

// Parse is pure and is what these tests exercise; Configure/Hit act process-wide and are
// exercised by the crash drills in their own processes, never here (tests run in parallel).
public class FailpointsTests
{
    [Fact]
    public void All_CoversFourWindowsOfEverySideEffectCreatedAndUndoneAndTheJournalCommit()
    {
        var kinds = Enum.GetValues<ResourceKind>().Length;

        Assert.Equal((kinds * 2 * 4) + 1, FailpointNames.All.Count);
        Assert.Equal(FailpointNames.All.Count, FailpointNames.All.Distinct().Count());
        Assert.Contains("create.bind.after-intent", FailpointNames.All);
        Assert.Contains("undo.loop.after-call", FailpointNames.All);
        Assert.Contains(FailpointNames.JournalAfterCommit, FailpointNames.All);
    }

    [Fact]
    public void Windows_SameInstanceEachTime_NoStringsBuiltOnTheHotPath()
    {
        Assert.Same(FailpointNames.Create(ResourceKind.Bind).AfterCall, FailpointNames.Create(ResourceKind.Bind).AfterCall);
    }

    [Fact]
    public void Parse_SeveralEntries_KindsAndHitNumbers()
    {
        var table = Orchestrator.Actors.Failpoints.Failpoints.Parse(" create.bind.after-intent=crash ; undo.bind.after-call=error@2;journal.after-commit=crash@3 ")!;

        Assert.Equal(FailpointKind.Crash, table["create.bind.after-intent"].Kind);
        Assert.Equal(0, table["create.bind.after-intent"].OnHit);
        Assert.Equal(FailpointKind.Error, table["undo.bind.after-call"].Kind);
        Assert.Equal(2, table["undo.bind.after-call"].OnHit);
        Assert.Equal("crash@3", table[FailpointNames.JournalAfterCommit].ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Parse_Nothing_Null(string? spec) => Assert.Null(Orchestrator.Actors.Failpoints.Failpoints.Parse(spec));

    [Theory]
    [InlineData("create.bind.after-intent", "is not name=action")]
    [InlineData("no.such.point=crash", "unknown failpoint 'no.such.point'")]
    [InlineData("create.bind.after-intent=explode", "unknown action 'explode'")]
    [InlineData("create.bind.after-intent=crash@0", "N must be a whole number from 1")]
    [InlineData("create.bind.after-intent=crash@x", "N must be a whole number from 1")]
    public void Parse_Malformed_NamesTheProblem(string spec, string problem)
    {
        var e = Assert.Throws<FormatException>(() => Orchestrator.Actors.Failpoints.Failpoints.Parse(spec));

        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("ORCHESTRATOR_FAILPOINTS: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fires_OnNthHit_OnlyThatHit()
    {
        var action = new FailpointAction(FailpointKind.Error, 2);

        Assert.Equal([false, true, false], new[] { action.Fires(), action.Fires(), action.Fires() });
        Assert.Equal(3, action.Hits);
    }
}
