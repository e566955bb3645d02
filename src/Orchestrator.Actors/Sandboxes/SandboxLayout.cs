using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>
/// Where one sandbox lives on the host. Every path is derived from the run dir and the ids, so
/// the journal stores ids, never paths that could drift from this layout.
/// <code>
/// &lt;run&gt;/sandboxes/&lt;sid&gt;/mounts/   where the orchestrator binds (shared propagation)
/// &lt;run&gt;/sandboxes/&lt;sid&gt;/shared/   read-only slave bind of mounts/: what the guest sees
/// &lt;run&gt;/sandboxes/&lt;sid&gt;/private/  staging for read-only binds
/// </code>
/// </summary>
public sealed record SandboxLayout(string RunDir, string SandboxId)
{
    /// <summary>Where every sandbox's root lies below <paramref name="runDir"/>.</summary>
    public static string SandboxesDirUnder(string runDir) => Path.Combine(runDir, "sandboxes");

    /// <summary>Where the guest mounts the shared directory (Kata's convention).</summary>
    public const string GuestSharedRoot = "/run/kata-containers/shared/containers";

    public string SandboxesDir => SandboxesDirUnder(RunDir);

    public string Root => Path.Combine(SandboxesDir, SandboxId);

    public string Mounts => Path.Combine(Root, "mounts");

    public string Shared => Path.Combine(Root, "shared");

    public string Private => Path.Combine(Root, "private");

    public string ContainerDir(string containerId) => Path.Combine(Mounts, containerId);

    public string Rootfs(string containerId) => Path.Combine(ContainerDir(containerId), "rootfs");

    public string SnapshotDir(string containerId) => Path.Combine(ContainerDir(containerId), "snapshotdir");

    /// <summary>
    /// <c>mounts/&lt;cid&gt;-&lt;hash&gt;-&lt;name&gt;</c>: the hash of the destination keeps two
    /// volumes with the same base name apart; the name keeps the directory readable.
    /// </summary>
    public string HostMount(string containerId, string destination) =>
        Path.Combine(Mounts, $"{containerId}-{Hash(destination)}-{SafeName(destination)}");

    /// <summary>A staging point under <see cref="Private"/> for a read-only bind on its way to <paramref name="target"/>.</summary>
    public string Staging(string target) => Path.Combine(Private, Hash(target));

    /// <summary>The path under <see cref="Shared"/> that shows what was mounted at <paramref name="hostPathUnderMounts"/>.</summary>
    public string SharedView(string hostPathUnderMounts) => Path.Combine(Shared, Relative(hostPathUnderMounts));

    /// <summary>The guest's path for what was mounted at <paramref name="hostPathUnderMounts"/>.</summary>
    public string GuestPath(string hostPathUnderMounts) => GuestSharedRoot + "/" + Relative(hostPathUnderMounts);

    private string Relative(string hostPathUnderMounts)
    {
        var relative = Path.GetRelativePath(Mounts, hostPathUnderMounts);
        if (relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new ArgumentException($"'{hostPathUnderMounts}' is not under {Mounts}", nameof(hostPathUnderMounts));
        }

        return relative;
    }

    private static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..16];

    private static string SafeName(string destination)
    {
        var name = Path.GetFileName(destination.TrimEnd('/'));
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_').ToArray()).TrimStart('.');
        return safe.Length == 0 ? "root" : safe.Length > 48 ? safe[..48] : safe;
    }
}
