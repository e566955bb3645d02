using Xunit;
using Xunit.Sdk;

namespace Orchestrator.TestKit.Privileges;

/// <summary>A theory that needs root; see <see cref="RootFactAttribute"/>.</summary>
[TraitDiscoverer(PrivilegedTraitDiscoverer.TypeName, PrivilegedTraitDiscoverer.AssemblyName)]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RootTheoryAttribute : TheoryAttribute, ITraitAttribute
{
    public RootTheoryAttribute()
    {
        if (!Privilege.IsRoot)
        {
            Skip = Privilege.SkipReason;
        }
    }
}
