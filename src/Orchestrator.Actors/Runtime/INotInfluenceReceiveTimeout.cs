namespace Orchestrator.Actors.Runtime;

/// <summary>A message that does not count as activity for <see cref="IActorContext.SetReceiveTimeout"/>.</summary>
public interface INotInfluenceReceiveTimeout
{
}
