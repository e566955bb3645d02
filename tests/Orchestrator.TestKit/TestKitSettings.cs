using System.Globalization;

namespace Orchestrator.TestKit;

/// <summary>
/// Timing of expectations. Every span the TestKit waits for is multiplied by <see cref="TimeFactor"/>, read
/// from <c>ORCHESTRATOR_TEST_TIMEFACTOR</c>, so a slow machine can stretch them without editing tests.
/// </summary>
public sealed record TestKitSettings
{
    public const string TimeFactorVariable = "ORCHESTRATOR_TEST_TIMEFACTOR";

    public static TestKitSettings Default { get; } = new();

    /// <summary>How long an expectation waits when given no timeout (before dilation).</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(3);

    public double TimeFactor { get; init; } = ReadTimeFactor();

    public TimeSpan Dilated(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan ? span : TimeSpan.FromTicks((long)(span.Ticks * TimeFactor));

    private static double ReadTimeFactor()
    {
        var text = Environment.GetEnvironmentVariable(TimeFactorVariable);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor > 0 ? factor : 1.0;
    }
}
