using Xunit;
using Xunit.Sdk;

namespace Orchestrator.TestKit.Privileges;

/// <summary>
/// A fact that mounts in the process's own mount namespace (say, two actor systems that must see
/// the same mounts): it runs only as root and only when the process has a mount namespace of its
/// own, as under <c>test.sh</c>; otherwise it is skipped with the reason. It carries the trait
/// <c>Category=Privileged</c>.
/// </summary>
[TraitDiscoverer(PrivilegedTraitDiscoverer.TypeName, PrivilegedTraitDiscoverer.AssemblyName)]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PrivateNamespaceFactAttribute : FactAttribute, ITraitAttribute
{
    public const string SkipReason = "needs a private mount namespace: run under unshare --mount --propagation private, as test.sh does";

    public PrivateNamespaceFactAttribute()
    {
        if (!Privilege.IsRoot)
        {
            Skip = Privilege.SkipReason;
        }
        else if (!HasOwnMountNamespace)
        {
            Skip = SkipReason;
        }
    }

    /// <summary>
    /// True when this process's mount namespace differs from init's or from an ancestor's: some
    /// process between init and this one (test.sh's <c>unshare</c>) made it. Ancestors are read
    /// too because a container may forbid reading init's namespace link.
    /// </summary>
    public static bool HasOwnMountNamespace
    {
        get
        {
            var self = NamespaceOf("self");
            if (self is null)
            {
                return false;
            }

            for (var pid = ParentOf("self"); pid is > 0; pid = ParentOf(pid.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                var id = pid.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (NamespaceOf(id) is { } other && other != self)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static string? NamespaceOf(string pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/ns/mnt").LinkTarget;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // Not ours to read (another user's, or a more privileged init): it proves nothing either way.
            return null;
        }
    }

    private static int? ParentOf(string pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("PPid:", StringComparison.Ordinal));
            return line is null ? null : int.Parse(line["PPid:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // The process ended or cannot be read: the walk stops here.
            return null;
        }
    }
}
