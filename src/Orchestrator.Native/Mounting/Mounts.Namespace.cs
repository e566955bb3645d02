using Orchestrator.Native.Interop;

namespace Orchestrator.Native.Mounting;

public static partial class Mounts
{
    /// <summary>
    /// Gives the calling thread its own mount namespace and makes every mount in it private, so
    /// nothing mounted afterwards propagates back to the host (and nothing from the host arrives).
    /// The thread then reads its table from /proc/thread-self/mountinfo.
    /// </summary>
    /// <remarks>
    /// unshare(CLONE_NEWNS) implies CLONE_FS, which a thread of a multi-threaded process may
    /// unshare, so only this thread moves. From then on the thread must run nothing else: work
    /// scheduled onto it would see a different filesystem view. Pool threads are refused.
    /// </remarks>
    public static void EnterPrivateMountNamespace()
    {
        if (Thread.CurrentThread.IsThreadPoolThread)
        {
            throw new InvalidOperationException(
                "a pool thread cannot enter a private mount namespace: it would return to the pool inside it");
        }

        Sys.Check(() => LibC.Unshare(LibC.CLONE_NEWNS), "unshare", "CLONE_NEWNS");

        // Without this, a shared "/" (systemd's default) would still propagate mounts to the host.
        MountRaw(null, "/", null, MountFlags.Recursive | MountFlags.Private, null);
    }
}
