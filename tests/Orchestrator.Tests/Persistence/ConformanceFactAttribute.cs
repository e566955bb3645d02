using Xunit.Sdk;

namespace Orchestrator.Tests.Persistence;

/// <summary>
/// A fact of a conformance suite written once on an abstract base class. Its test cases are
/// skipped when the derived class that runs them needs something this machine lacks
/// (see <see cref="ConformanceTestCase"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("Orchestrator.Tests.Persistence.ConformanceFactDiscoverer", "Orchestrator.Tests")]
public sealed class ConformanceFactAttribute : FactAttribute
{
}
