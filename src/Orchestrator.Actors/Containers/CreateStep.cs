using Orchestrator.Actors.Native;

namespace Orchestrator.Actors.Containers;

/// <summary>One side effect of a create: the intent to journal first and the native call that performs it.</summary>
internal sealed record CreateStep(ResourceStarted Intent, INativeRequest Call);
