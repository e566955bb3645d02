namespace Orchestrator.Native.Tests;

/// <summary>Reads the kernel dumps kept under Fixtures/.</summary>
internal static class Fixture
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
}
