namespace Orchestrator.EndToEnd.Support;

/// <summary>One namespace and one server shared by a test class; each test uses its own sandbox ids.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private MountNamespace? _namespace;
    private OrchestratorServer? _server;

    public MountNamespace Namespace => _namespace ?? throw new InvalidOperationException("not started");

    public OrchestratorServer Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        if (!Orchestrator.TestKit.Privileges.Privilege.IsRoot)
        {
            return;
        }

        _namespace = new MountNamespace();
        _server = await OrchestratorServer.StartAsync(_namespace, new Dictionary<string, string>
        {
            // Teardown tests hold a mount busy; a short, bounded retry keeps them fast.
            ["ORCHESTRATOR__TEARDOWN__MAXATTEMPTS"] = "3",
            ["ORCHESTRATOR__TEARDOWN__INITIALDELAYMS"] = "20",
            ["ORCHESTRATOR__TEARDOWN__MAXDELAYMS"] = "50",
        });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _namespace?.Dispose();
    }
}
