namespace Orchestrator.Actors.Native;

/// <summary>Which mount table the native-call actor works in.</summary>
public enum MountNamespaceMode
{
    /// <summary>The host's: production, where the guest's shared dirs must be visible to virtiofsd.</summary>
    Host,

    /// <summary>
    /// A private namespace of the actor's own thread (<c>unshare(CLONE_NEWNS)</c>, <c>/</c> made
    /// recursively private): tests and drills mount freely and nothing reaches the host's table.
    /// </summary>
    Private,
}
