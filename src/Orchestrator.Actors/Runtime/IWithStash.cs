namespace Orchestrator.Actors.Runtime;

/// <summary>
/// An actor with a stash. The runtime sets <see cref="Stash"/> before the constructor body runs. On restart
/// the stash is unstashed into the mailbox for the new instance; on stop what remains becomes dead letters.
/// </summary>
public interface IWithStash
{
    IStash Stash { get; set; }
}
