namespace Orchestrator.Tests.Integration;

/// <summary>
/// Tests that put thousands of mounts and hundreds of loop devices through the kernel: they run
/// one at a time, after the parallel tests, so their timing limits measure them and not their
/// neighbours.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KernelCollection
{
    public const string Name = "Kernel";
}
