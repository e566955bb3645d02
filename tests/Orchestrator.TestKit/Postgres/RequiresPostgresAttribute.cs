namespace Orchestrator.TestKit.Postgres;

/// <summary>
/// Marks a test class whose inherited tests (a conformance suite written on a base class) need a
/// PostgreSQL server. The base class's fact attribute reads it to skip them where none can start,
/// since the base's attributes cannot know which derived class runs them.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class RequiresPostgresAttribute : Attribute
{
    /// <summary>Why the class's tests are skipped here, or <c>null</c>.</summary>
    public static string? SkipReason => PostgresServer.UnavailableReason;
}
