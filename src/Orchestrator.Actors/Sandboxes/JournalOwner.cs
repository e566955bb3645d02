namespace Orchestrator.Actors.Sandboxes;

/// <summary>
/// Whose history a persistence id names: the manager's (no ids), a sandbox supervisor's or a
/// container's. The inverse of <see cref="SandboxSupervisor.PersistenceIdFor"/> and
/// <see cref="ContainerEntry.PersistenceIdFor"/>, for readers of the journal that see only rows.
/// </summary>
/// <param name="SandboxId">The sandbox, or null for the manager.</param>
/// <param name="ContainerId">The container, or null for a sandbox's or the manager's own history.</param>
/// <param name="Ambiguous">
/// A container id from before <see cref="ContainerAddedV2"/> (<c>container-&lt;sandbox&gt;-&lt;container&gt;-&lt;n&gt;</c>)
/// whose ids contain '-' and can be split more than one way; the split given is the first one, and
/// the container's first event (<see cref="Containers.ContainerCreateRequested"/>) tells the truth.
/// </param>
public sealed record JournalOwner(string? SandboxId, string? ContainerId, bool Ambiguous = false)
{
    private const string LegacyContainerPrefix = "container-";
    private const string SandboxPrefix = "sandbox-";

    /// <summary>The owner of <paramref name="persistenceId"/>, or null for an id this project does not write.</summary>
    public static JournalOwner? Parse(string persistenceId)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        if (persistenceId == SandboxManager.Name)
        {
            return new JournalOwner(null, null);
        }

        if (persistenceId.StartsWith("container/", StringComparison.Ordinal))
        {
            // container/<sandbox>/<sandbox incarnation>/<container>/<incarnation>: ids cannot hold '/'.
            var parts = persistenceId.Split('/');
            return parts.Length == 5 && IsNumber(parts[2]) && IsNumber(parts[4]) ? new JournalOwner(parts[1], parts[3]) : null;
        }

        if (persistenceId.StartsWith(SandboxPrefix, StringComparison.Ordinal) && WithoutIncarnation(persistenceId[SandboxPrefix.Length..]) is { Length: > 0 } sandbox)
        {
            return new JournalOwner(sandbox, null);
        }

        if (persistenceId.StartsWith(LegacyContainerPrefix, StringComparison.Ordinal) && WithoutIncarnation(persistenceId[LegacyContainerPrefix.Length..]) is { } ids)
        {
            var dash = ids.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && dash < ids.Length - 1)
            {
                return new JournalOwner(ids[..dash], ids[(dash + 1)..], Ambiguous: ids.IndexOf('-', dash + 1) >= 0);
            }
        }

        return null;
    }

    /// <summary>The part before the final <c>-&lt;number&gt;</c>, or null when the id does not end so.</summary>
    private static string? WithoutIncarnation(string rest)
    {
        var dash = rest.LastIndexOf('-');
        return dash > 0 && IsNumber(rest[(dash + 1)..]) ? rest[..dash] : null;
    }

    private static bool IsNumber(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);
}
