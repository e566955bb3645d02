namespace Orchestrator.Actors.Persistence.Storage;

/// <summary>
/// One caller's request to the single writer. Its outcome is published only after the group
/// transaction it was part of has committed (or failed), never before.
/// </summary>
internal abstract class JournalWriteOperation
{
    /// <summary>Publishes success once the group has committed.</summary>
    public abstract void Complete();

    /// <summary>Publishes that the group failed: nothing of it can be assumed stored.</summary>
    public abstract void Fail(Exception exception);
}
