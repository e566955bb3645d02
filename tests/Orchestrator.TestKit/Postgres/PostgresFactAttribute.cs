using Xunit;

namespace Orchestrator.TestKit.Postgres;

/// <summary>A fact that needs a throwaway PostgreSQL server; skipped, with the reason, where none can start.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}
