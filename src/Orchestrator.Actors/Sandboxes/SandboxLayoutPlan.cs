using Orchestrator.Actors.Native;
using Orchestrator.Actors.Resources;

namespace Orchestrator.Actors.Sandboxes;

/// <summary>
/// The side effects that lay out a sandbox, in order. The root is bound onto itself as a private
/// mount so nothing below it propagates to the host's peers; <c>mounts/</c> is bound onto itself as
/// a shared mount (a slave needs a shared master); <c>shared/</c> is a read-only bind of
/// <c>mounts/</c> made a slave, so every later bind under <c>mounts/</c> (hot add included)
/// appears in <c>shared/</c> for the guest, while the guest can never write the mount table back.
/// </summary>
internal static class SandboxLayoutPlan
{
    public static IReadOnlyList<CreateStep> Steps(SandboxLayout layout) =>
    [
        Directory("root", layout.Root),
        Bind("root-bind", layout.Root, layout.Root, readOnly: false, "private"),
        Directory("mounts", layout.Mounts),
        Directory("shared", layout.Shared),
        Directory("private", layout.Private),
        Bind("mounts-bind", layout.Mounts, layout.Mounts, readOnly: false, "shared"),
        Bind("shared-bind", layout.Mounts, layout.Shared, readOnly: true, "slave"),
    ];

    private static CreateStep Directory(string key, string path) =>
        new(new ResourceStarted(key, ResourceKind.Directory, ResourceRole.SandboxLayout, path, null, ReadOnly: false), new EnsureDirectory(path));

    private static CreateStep Bind(string key, string source, string target, bool readOnly, string propagation) =>
        new(new ResourceStarted(key, ResourceKind.Bind, ResourceRole.SandboxLayout, target, source, readOnly), new BindMount(source, target, readOnly, propagation));
}
