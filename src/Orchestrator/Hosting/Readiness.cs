using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Sandboxes;

namespace Orchestrator.Hosting;

/// <summary>
/// Tells the service manager (systemd's <c>Type=notify</c>) when the service is ready: READY=1 only once the
/// sandbox manager reports recovery finished, not when the host has started. SystemdLifetime would send it on
/// ApplicationStarted, while every sandbox and container is still replaying its journal and reconciling with
/// the kernel, and a VM manager ordered after the unit would then find its containers missing. Sends
/// STOPPING=1 when a stop begins. Without <c>NOTIFY_SOCKET</c> nothing is sent.
/// </summary>
internal static class Readiness
{
    /// <summary>
    /// Waits for recovery, then logs and notifies. Returns when ready or when a stop began (SIGTERM, or the
    /// watchdog saw the manager die) during recovery; if the manager cannot answer, records why and stops
    /// the host, which then exits 1.
    /// </summary>
    public static async Task AwaitRecoveryAsync(WebApplication app, ILogger log, CancellationToken cancellationToken)
    {
        ISystemdNotifier notifier = new SystemdNotifier();
        var lifetime = app.Lifetime;
        lifetime.ApplicationStopping.Register(() => Notify(notifier, log, "STOPPING=1\nSTATUS=stopping: draining requests"));
        Notify(notifier, log, "STATUS=recovering sandboxes and containers from the journal");

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping, cancellationToken);
        RecoveryFinished recovered;
        try
        {
            var manager = app.Services.GetRequiredService<IRequiredActor<SandboxManager>>().ActorRef;

            // No timeout of its own: how long recovery may take is the service manager's TimeoutStartSec.
            recovered = await manager.Ask<RecoveryFinished>(AwaitRecovery.Instance, timeout: null, stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            HostLog.RecoveryUnanswered(log, e);
            app.Services.GetRequiredService<HostFailure>().Fail("the sandbox manager did not report recovery: " + e.Message);
            lifetime.StopApplication();
            return;
        }

        var elapsedMs = (long)recovered.Elapsed.TotalMilliseconds;
        HostLog.Ready(log, recovered.Sandboxes, recovered.Containers, elapsedMs);
        Notify(notifier, log, $"READY=1\nSTATUS=ready: recovered {Cli.CliOutput.Count(recovered.Sandboxes, "sandbox", "sandboxes")}, {Cli.CliOutput.Count(recovered.Containers, "container")} in {elapsedMs} ms");
    }

    private static void Notify(ISystemdNotifier notifier, ILogger log, string state)
    {
        if (!notifier.IsEnabled)
        {
            return;
        }

        try
        {
            notifier.Notify(new ServiceState(state));
        }
        catch (System.Net.Sockets.SocketException e)
        {
            // Not fatal: the service works; only the service manager's view of it is late (it times out the start).
            HostLog.NotifyFailed(log, state.Split('\n')[0], e.SocketErrorCode.ToString(), e);
        }
    }
}
