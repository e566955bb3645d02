using Orchestrator.Native.Mounting;

namespace Orchestrator.Benchmarks.Privileged;

/// <summary>
/// A tmpfs for mount sources and run dirs, and a directory on a real disk for SQLite journals.
/// Dispose unmounts and removes both; a failed suite still leaves nothing behind.
/// </summary>
internal sealed class ScratchArea : IDisposable
{
    private readonly string _base;
    private readonly bool _ownsBase;
    private readonly string _journalBase;
    private readonly bool _ownsJournalBase;
    private int _journals;

    private ScratchArea(string name)
    {
        var handedBase = Environment.GetEnvironmentVariable(MountNamespace.ScratchVariable);
        _ownsBase = string.IsNullOrEmpty(handedBase);
        _base = _ownsBase ? System.IO.Directory.CreateTempSubdirectory("orchestrator-bench-").FullName : handedBase!;
        var handedJournals = Environment.GetEnvironmentVariable(MountNamespace.JournalVariable);
        _ownsJournalBase = string.IsNullOrEmpty(handedJournals);
        _journalBase = _ownsJournalBase ? System.IO.Directory.CreateDirectory(Path.Combine("/var/tmp", Path.GetFileName(_base))).FullName : handedJournals!;
        Root = Path.Combine(_base, name);
        JournalDir = Path.Combine(_journalBase, name);
        System.IO.Directory.CreateDirectory(Root);
        System.IO.Directory.CreateDirectory(JournalDir);
        Mounts.MountTmpfs(Root, new TmpfsOptions(SizeBytes: 256L << 20));
    }

    /// <summary>The tmpfs.</summary>
    public string Root { get; }

    /// <summary>On disk (<c>/var/tmp</c>), not tmpfs: journal fsyncs cost what they cost in production.</summary>
    public string JournalDir { get; }

    /// <summary>Mounts a fresh tmpfs; the caller must be root in a private mount namespace.</summary>
    public static ScratchArea Create(string name) => new(name);

    /// <summary>A new journal file path; every call gives another file.</summary>
    /// <summary>A new, empty state directory for one journal.</summary>
    public string NewStateDir(string label) => System.IO.Directory.CreateDirectory(Path.Combine(JournalDir, $"{label}-{++_journals}")).FullName;

    public string MakeDirectory(string relative) => System.IO.Directory.CreateDirectory(Path.Combine(Root, relative)).FullName;

    public void Dispose()
    {
        // Detach: a mount the suite left below would otherwise keep the tmpfs busy; the
        // namespace is private, so nothing of it reaches the host.
        Mounts.Unmount(Root, detach: true);
        System.IO.Directory.Delete(Root, recursive: true);
        System.IO.Directory.Delete(JournalDir, recursive: true);
        if (_ownsBase)
        {
            System.IO.Directory.Delete(_base, recursive: true);
        }

        if (_ownsJournalBase)
        {
            System.IO.Directory.Delete(_journalBase, recursive: true);
        }
    }
}
