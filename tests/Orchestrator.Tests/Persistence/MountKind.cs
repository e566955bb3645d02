namespace Orchestrator.Tests.Persistence;

/// <summary>An enum carried by test events; stored by member name.</summary>
public enum MountKind
{
    Bind,
    Block,
    Nydus,
}
