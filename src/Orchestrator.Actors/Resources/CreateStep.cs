using Orchestrator.Actors.Native;

namespace Orchestrator.Actors.Resources;

/// <summary>One side effect of a create or an add: the intent to journal first and the native call that performs it.</summary>
internal sealed record CreateStep(ResourceStarted Intent, INativeRequest Call);
