namespace Orchestrator.Actors.Resources;

/// <summary>What the journal knows about one resource.</summary>
public enum ResourceStatus
{
    /// <summary>Intent persisted, outcome not: the syscall may or may not have happened.</summary>
    Intended,

    /// <summary>In place.</summary>
    Active,

    /// <summary>The creating call failed; nothing to undo.</summary>
    Failed,

    /// <summary>Undo intent persisted, outcome not.</summary>
    Undoing,

    /// <summary>Undone (or found already gone).</summary>
    Undone,

    /// <summary>Undo was refused (a symlink planted where a mount point was); left in place, reported, and tried again by the next teardown.</summary>
    Refused,
}
