using Xunit.Abstractions;
using Xunit.Sdk;

namespace Orchestrator.TestKit.Privileges;

/// <summary>Gives tests marked <see cref="RootFactAttribute"/> or <see cref="RootTheoryAttribute"/> the trait <c>Category=Privileged</c>.</summary>
public sealed class PrivilegedTraitDiscoverer : ITraitDiscoverer
{
    /// <summary>The discoverer's full type name, as xunit's attribute wants it.</summary>
    public const string TypeName = "Orchestrator.TestKit.Privileges.PrivilegedTraitDiscoverer";

    /// <summary>The assembly holding the discoverer.</summary>
    public const string AssemblyName = "Orchestrator.TestKit";

    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        yield return new KeyValuePair<string, string>(Privilege.TraitName, Privilege.TraitValue);
    }
}
