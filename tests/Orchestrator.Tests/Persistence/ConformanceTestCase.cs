using Orchestrator.TestKit.Postgres;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Orchestrator.Tests.Persistence;

/// <summary>
/// A conformance test case whose skip reason comes from the class that runs it: an inherited
/// test knows its derived class here (<see cref="ITestMethod.TestClass"/>), which its attribute
/// on the base method cannot.
/// </summary>
public sealed class ConformanceTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ConformanceTestCase()
    {
    }

    public ConformanceTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute)
    {
        var declared = base.GetSkipReason(factAttribute);
        if (!string.IsNullOrEmpty(declared))
        {
            return declared;
        }

        var needsPostgres = TestMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any();
        return needsPostgres ? RequiresPostgresAttribute.SkipReason! : null!;
    }
}
