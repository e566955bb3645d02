using Orchestrator.Actors.Runtime;
using Xunit.Sdk;

namespace Orchestrator.TestKit;

/// <summary>
/// Base class of actor tests: one <see cref="ActorSystem"/> per test, terminated on dispose. A message told
/// from the test without a sender (<c>actor.Tell(msg)</c>) carries <see cref="TestKitBase.TestActor"/> as its
/// sender, so replies arrive where the expectations look.
/// </summary>
public abstract class TestKit : TestKitBase, IDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    private bool _disposed;

    protected TestKit(ActorSystemSettings? settings = null, string? systemName = null, TestKitSettings? testKitSettings = null)
        : base(ActorSystem.Create(systemName ?? "test", settings), testKitSettings ?? TestKitSettings.Default, null)
    {
        EnsureImplicitSender();
    }

    protected TestKit(string systemName)
        : this(null, systemName)
    {
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
        {
            return;
        }

        _disposed = true;
        ImplicitSender.Ambient = null;
        var limit = Dilated(ShutdownTimeout);
        if (!Sys.Terminate().Wait(limit))
        {
            throw new XunitException($"Actor system {Sys.Name} did not terminate within {limit}: some actor does not stop.");
        }
    }

    // Set on every TestKit call as well as in the constructor: the test method may run in an async flow
    // that did not inherit the constructor's value.
    private protected override void EnsureImplicitSender()
    {
        if (!ReferenceEquals(ImplicitSender.Ambient, TestActor))
        {
            ImplicitSender.Ambient = TestActor;
        }
    }
}
