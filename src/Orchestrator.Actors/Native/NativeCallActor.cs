using System.Diagnostics;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Native.HostPaths;
using Orchestrator.Native.Mounting;

namespace Orchestrator.Actors.Native;

/// <summary>
/// The only caller of Orchestrator.Native. Runs on a pinned dispatcher (one OS thread of its own)
/// so that, in <see cref="MountNamespaceMode.Private"/>, the namespace it enters with
/// <c>unshare(CLONE_NEWNS)</c> is the one every later call runs in. Each request gets exactly one
/// reply; a failed call, even an unexpected exception, goes back to the caller as
/// <see cref="NativeFailed"/> and the actor carries on. Its supervisor must resume it, never
/// restart it: a restart would throw away the loop devices it holds open.
/// </summary>
public sealed class NativeCallActor : ReceiveActor
{
    /// <summary>The dispatcher every native-call actor runs on; configure it with <see cref="DispatcherHocon"/>.</summary>
    public const string DispatcherId = "orchestrator.native-dispatcher";

    /// <summary>
    /// The HOCON of <see cref="DispatcherId"/>: a pinned dispatcher gives the actor one thread for
    /// its whole life, which a per-thread mount namespace needs.
    /// </summary>
    public const string DispatcherHocon = """
        orchestrator.native-dispatcher {
          type = PinnedDispatcher
          throughput = 100
        }
        """;

    /// <summary>Set once the current thread has entered its private namespace; a thread never enters twice.</summary>
    [ThreadStatic]
    private static bool _inPrivateNamespace;

    private readonly MountNamespaceMode _mode;
    private readonly ILogger _log;
    private readonly NativeOperations _operations;

    public NativeCallActor(MountNamespaceMode mode, ILoggerFactory loggerFactory, SourcePolicy? sourcePolicy = null)
    {
        _mode = mode;
        _log = loggerFactory.CreateLogger<NativeCallActor>();
        _operations = new NativeOperations(sourcePolicy, loggerFactory.CreateLogger<NativeOperations>());
        // /proc/thread-self links to "<pid>/task/<tid>" of whichever thread reads it: this one.
        Receive<GetNativeInfo>(_ => Sender.Tell(new NativeInfo("/proc/" + new FileInfo("/proc/thread-self").LinkTarget, _mode)));
        Receive<NativeCall>(call =>
        {
            var span = NativeCallTracing.Start(call);
            var reply = Execute(call.Request);
            NativeCallTracing.End(span, reply);
            Sender.Tell(new NativeCallReply(call.Id, reply));
        });
        Receive<INativeRequest>(request => Sender.Tell(Execute(request)));
    }

    /// <summary>
    /// The actor's props, bound to <see cref="DispatcherId"/>. <paramref name="sourcePolicy"/> decides which
    /// host paths may be handed to a guest (the service passes its own state and run dirs and the
    /// operator's allow-list); without one only the system paths are refused.
    /// </summary>
    public static Props Props(MountNamespaceMode mode, ILoggerFactory? loggerFactory = null, SourcePolicy? sourcePolicy = null)
    {
        var factory = loggerFactory ?? NullLoggerFactory.Instance;
        return Akka.Actor.Props.Create(() => new NativeCallActor(mode, factory, sourcePolicy)).WithDispatcher(DispatcherId);
    }

    protected override void PreStart()
    {
        if (_mode == MountNamespaceMode.Private && !_inPrivateNamespace)
        {
            Mounts.EnterPrivateMountNamespace();
            _inPrivateNamespace = true;
        }

        NativeLog.Started(_log, Environment.CurrentManagedThreadId, _mode);
    }

    protected override void PostStop() => _operations.Dispose();

    private INativeReply Execute(INativeRequest request)
    {
        var started = Stopwatch.GetTimestamp();
        INativeReply reply;
        try
        {
            reply = _operations.Execute(request);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            NativeLog.Threw(_log, request.ToString() ?? request.GetType().Name, e);
            reply = new NativeFailed(new NativeError(request.GetType().Name, "EFAULT", [], $"{request.GetType().Name} threw {e.GetType().Name}: {e.Message}"));
        }

        if (reply is NativeFailed failed)
        {
            NativeLog.Failed(_log, request.GetType().Name, failed.Error.Syscall, failed.Error.Errno, failed.Error.Message);
        }
        else if (_log.IsEnabled(LogLevel.Debug))
        {
            NativeLog.Called(_log, request.ToString() ?? string.Empty, reply.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return reply;
    }
}
