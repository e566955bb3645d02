namespace Orchestrator.EndToEnd.Support;

/// <summary>
/// The service published once for the whole run with <c>scripts/publish.sh</c> (a Release build: the slow
/// step, so it happens once), installed by each test with <c>scripts/install.sh --from</c>.
/// </summary>
public sealed class PublishedTree : IDisposable
{
    private readonly string? _scratch;

    public PublishedTree()
    {
        if (!Orchestrator.TestKit.Privileges.Privilege.IsRoot)
        {
            return;
        }

        _scratch = Directory.CreateTempSubdirectory("orchestrator-publish-").FullName;
        Path = System.IO.Path.Combine(_scratch, "publish");
        var (exitCode, output) = Programs.Run(System.IO.Path.Combine(RepositoryRoot, "scripts", "publish.sh"), [Path], TimeSpan.FromMinutes(15));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"scripts/publish.sh exited {exitCode}:\n{output}");
        }
    }

    /// <summary>The published tree.</summary>
    public string Path { get; } = "";

    public static string RepositoryRoot { get; } = FindRoot();

    public void Dispose()
    {
        if (_scratch is not null)
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    private static string FindRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(System.IO.Path.Combine(root.FullName, "Orchestrator.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new InvalidOperationException("Orchestrator.sln not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class PublishedTreeCollection : ICollectionFixture<PublishedTree>
{
    public const string Name = "published tree";
}
