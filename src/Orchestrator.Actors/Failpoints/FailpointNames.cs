using Orchestrator.Actors.Resources;

namespace Orchestrator.Actors.Failpoints;

/// <summary>
/// Every failpoint the orchestrator has: for each kind of side effect, created or undone, the
/// four windows around it (before the intent is journaled, after the intent, after the call,
/// after the outcome), and the journal's group commit (after the transaction, before the callers
/// are told). The strings are built once here, so hitting one allocates nothing.
/// </summary>
public static class FailpointNames
{
    public const string JournalAfterCommit = "journal.after-commit";

    private static readonly Windows[] CreateWindows = BuildWindows("create");
    private static readonly Windows[] UndoWindows = BuildWindows("undo");

    /// <summary>Every name, in a stable order, for drills to enumerate.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        .. CreateWindows.SelectMany(w => w.AllNames),
        .. UndoWindows.SelectMany(w => w.AllNames),
        JournalAfterCommit,
    ];

    public static Windows Create(ResourceKind kind) => CreateWindows[(int)kind];

    public static Windows Undo(ResourceKind kind) => UndoWindows[(int)kind];

    private static Windows[] BuildWindows(string phase) =>
        Enum.GetValues<ResourceKind>().Select(k => new Windows($"{phase}.{k.ToString().ToLowerInvariant()}")).ToArray();

    /// <summary>The four windows of one kind of side effect.</summary>
    public sealed class Windows(string prefix)
    {
        public string BeforeIntent { get; } = prefix + ".before-intent";

        public string AfterIntent { get; } = prefix + ".after-intent";

        public string AfterCall { get; } = prefix + ".after-call";

        public string AfterOutcome { get; } = prefix + ".after-outcome";

        public IEnumerable<string> AllNames => [BeforeIntent, AfterIntent, AfterCall, AfterOutcome];
    }
}
