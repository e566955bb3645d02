using Akka.Actor;
using Orchestrator.Actors.Native;
using Orchestrator.Native.Interop;
using Orchestrator.Native.Paths;

namespace Orchestrator.Hosting;

/// <summary>
/// Which mount namespace the service's mounts really land in, for the start-up line: the native-call
/// thread's (the only thread that mounts), compared with the process's and PID 1's. The setting alone
/// says nothing about a service started under <c>unshare</c>, <c>nsenter</c> or a unit with a private
/// mount namespace, where virtiofsd would never see a mount.
/// </summary>
internal static class MountNamespaceReport
{
    /// <summary>
    /// Asks the native-call actor for its thread's <c>/proc</c> entry and describes that thread's namespace,
    /// such as <c>mnt:[4026531841] (the host's)</c>. The actor answers after the calls recovery queued before
    /// this ask; a stop (<paramref name="stopping"/>) or no answer in <paramref name="timeout"/> yields
    /// <c>unknown (…)</c>: the line is information, not a reason to fail.
    /// </summary>
    public static async Task<string> ReadAsync(IActorRef native, TimeSpan timeout, CancellationToken stopping)
    {
        NativeInfo info;
        try
        {
            info = await native.Ask<NativeInfo>(new GetNativeInfo(), timeout, stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or AskTimeoutException)
        {
            return "unknown (the native-call actor did not answer: " + (stopping.IsCancellationRequested ? "stopping" : e.Message) + ")";
        }

        var thread = Link(info.TaskProcPath + "/ns/mnt");
        var process = Link("/proc/self/ns/mnt");
        var pid1 = Link("/proc/1/ns/mnt");
        return Describe(thread.Target ?? "unknown (" + thread.Error + ")", process.Target, pid1.Target, pid1.Error);
    }

    /// <summary>
    /// The description, from the links' targets (<c>mnt:[inode]</c>): <paramref name="pid1"/> is null when
    /// PID 1's link could not be read (<paramref name="pid1Error"/> says why).
    /// </summary>
    public static string Describe(string native, string? process, string? pid1, string? pid1Error)
    {
        if (process is not null && native != process)
        {
            return native + " (private: unshared at start)";
        }

        if (pid1 is null)
        {
            return native + " (whether it is PID 1's is unknown: " + pid1Error + ")";
        }

        return native == pid1 ? native + " (the host's)" : native + " (not PID 1's: started inside another namespace)";
    }

    private static (string? Target, string? Error) Link(string path)
    {
        try
        {
            return (Links.Read(path), null);
        }
        catch (NativeCallException e)
        {
            // Another process's ns links need ptrace read access to it (proc(5)); some sandboxes deny even root.
            return (null, e.Message);
        }
    }
}
