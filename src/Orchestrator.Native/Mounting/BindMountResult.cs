namespace Orchestrator.Native.Mounting;

/// <summary>What a bind mount did.</summary>
/// <param name="ResolvedSource">The source after resolving its symlinks: what is really mounted.</param>
/// <param name="Target">The mount point.</param>
/// <param name="TargetCreated">True when the mount point did not exist and was created (teardown removes it).</param>
public sealed record BindMountResult(string ResolvedSource, string Target, bool TargetCreated);
