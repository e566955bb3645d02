using Orchestrator.TestKit.Postgres;
using Orchestrator.TestKit.Privileges;
using Xunit.Sdk;

namespace Orchestrator.Drills;

/// <summary>A fact that needs root and a throwaway PostgreSQL server; skipped with the reason when either is missing.</summary>
[TraitDiscoverer(PrivilegedTraitDiscoverer.TypeName, PrivilegedTraitDiscoverer.AssemblyName)]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RootPostgresFactAttribute : FactAttribute, ITraitAttribute
{
    public RootPostgresFactAttribute()
    {
        if (!Privilege.IsRoot)
        {
            Skip = Privilege.SkipReason;
        }
        else if (PostgresServer.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}
