using Xunit;
using Xunit.Sdk;

namespace Orchestrator.TestKit.Privileges;

/// <summary>
/// A fact that needs root: reported as skipped, with the reason, when the process is not root;
/// carries the trait <c>Category=Privileged</c> so it can be selected or excluded.
/// </summary>
[TraitDiscoverer(PrivilegedTraitDiscoverer.TypeName, PrivilegedTraitDiscoverer.AssemblyName)]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RootFactAttribute : FactAttribute, ITraitAttribute
{
    public RootFactAttribute()
    {
        if (!Privilege.IsRoot)
        {
            Skip = Privilege.SkipReason;
        }
    }
}
