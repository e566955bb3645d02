namespace Orchestrator.Actors.Validation;

/// <summary>
/// The mount types, options and file systems the orchestrator understands. Anything else is
/// refused rather than passed on: an unknown type used to be bound anyway, and an option reaches
/// the guest's mount units verbatim.
/// </summary>
public static class MountVocabulary
{
    /// <summary>Host mount types: a bind (<c>none</c> is how OCI spells a bind whose options say <c>bind</c>/<c>rbind</c>).</summary>
    public static readonly IReadOnlySet<string> MountTypes = new HashSet<string>(StringComparer.Ordinal) { "bind", "none" };

    /// <summary>Per-mount options, as OCI runtimes spell them.</summary>
    public static readonly IReadOnlySet<string> Options = new HashSet<string>(StringComparer.Ordinal)
    {
        "ro", "rw", "bind", "rbind",
        "private", "rprivate", "shared", "rshared", "slave", "rslave", "unbindable", "runbindable",
        "nosuid", "suid", "nodev", "dev", "noexec", "exec",
        "relatime", "norelatime", "noatime", "atime", "strictatime", "nostrictatime", "nodiratime", "diratime",
        "sync", "async", "dirsync", "discard", "nodiscard",
    };

    /// <summary>File systems a block rootfs or volume may carry.</summary>
    public static readonly IReadOnlySet<string> BlockFileSystems = new HashSet<string>(StringComparer.Ordinal)
    {
        "ext2", "ext3", "ext4", "xfs", "btrfs", "vfat", "f2fs", "squashfs", "erofs",
    };

    /// <summary>Options with a value that are understood: <c>size=</c> and <c>mode=</c> (a guest tmpfs).</summary>
    public static bool IsKnownOption(string option) =>
        Options.Contains(option)
        || (option.StartsWith("size=", StringComparison.Ordinal) && option.Length > 5 && option[5..].TrimEnd('k', 'm', 'g', '%').All(char.IsAsciiDigit))
        || (option.StartsWith("mode=", StringComparison.Ordinal) && option.Length is > 5 and <= 9 && option[5..].All(c => c is >= '0' and <= '7'));
}
