namespace Orchestrator.Actors.Persistence.Sql;

/// <summary>
/// One numbered step of a store's schema. Steps are applied in order, each exactly once, and
/// are never edited after release: a change is a new step.
/// </summary>
internal sealed record SchemaMigration(int Version, string Description, string Sql);
