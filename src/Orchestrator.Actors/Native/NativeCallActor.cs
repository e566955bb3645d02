using System.Diagnostics;
using Orchestrator.Actors.Runtime;
using Orchestrator.Native.Mounting;

namespace Orchestrator.Actors.Native;

/// <summary>
/// The only caller of Orchestrator.Native. Runs on its own dedicated thread (the pinned
/// dispatcher) so that, in <see cref="MountNamespaceMode.Private"/>, the namespace it enters with
/// <c>unshare(CLONE_NEWNS)</c> is the one every later call runs in. Each request gets exactly one
/// reply; a failed call, even an unexpected exception, goes back to the caller as
/// <see cref="NativeFailed"/> and the actor carries on (it is never restarted: a restart would
/// throw away the loop devices it holds).
/// </summary>
public sealed class NativeCallActor : ReceiveActor
{
    /// <summary>Set once the current thread has entered its private namespace; a thread never enters twice.</summary>
    [ThreadStatic]
    private static bool _inPrivateNamespace;

    private readonly MountNamespaceMode _mode;
    private readonly NativeOperations _operations = new();

    public NativeCallActor(MountNamespaceMode mode)
    {
        _mode = mode;
        // /proc/thread-self links to "<pid>/task/<tid>" of whichever thread reads it: this one.
        Receive<GetNativeInfo>(_ => Sender.Tell(new NativeInfo("/proc/" + new FileInfo("/proc/thread-self").LinkTarget, _mode)));
        Receive<INativeRequest>(Handle);
    }

    public static Props Props(MountNamespaceMode mode) =>
        Runtime.Props.Create(() => new NativeCallActor(mode)).WithDispatcher(Dispatchers.PinnedDispatcherId);

    protected override void PreStart()
    {
        if (_mode == MountNamespaceMode.Private && !_inPrivateNamespace)
        {
            Mounts.EnterPrivateMountNamespace();
            _inPrivateNamespace = true;
        }

        NativeLog.Started(Log, Environment.CurrentManagedThreadId, _mode);
    }

    protected override void PostStop() => _operations.Dispose();

    private void Handle(INativeRequest request)
    {
        var started = Stopwatch.GetTimestamp();
        INativeReply reply;
        try
        {
            reply = _operations.Execute(request);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            NativeLog.Threw(Log, request.ToString() ?? request.GetType().Name, e);
            reply = new NativeFailed(new NativeError(request.GetType().Name, "EFAULT", [], $"{request.GetType().Name} threw {e.GetType().Name}: {e.Message}"));
        }

        if (reply is NativeFailed failed)
        {
            NativeLog.Failed(Log, request.GetType().Name, failed.Error.Syscall, failed.Error.Errno, failed.Error.Message);
        }
        else if (Log.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug))
        {
            NativeLog.Called(Log, request.ToString() ?? string.Empty, reply.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        Sender.Tell(reply);
    }
}
