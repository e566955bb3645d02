using System.Diagnostics;
using Xunit.Sdk;

namespace Orchestrator.TestKit;

public abstract partial class TestKitBase
{
    private static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(50);

    // Deadline of the innermost Within block, if any; expectations without a timeout use what remains of it.
    private TimeSpan? _end;

    /// <summary>What remains of the enclosing Within block, or the (dilated) default timeout outside one.</summary>
    public TimeSpan RemainingOrDefault => _end is { } end ? end - Now : Dilated(TestKitSettings.DefaultTimeout);

    /// <summary>
    /// Runs <paramref name="assertion"/> until it stops throwing, polling every <paramref name="interval"/>;
    /// after <paramref name="duration"/> the last failure is rethrown.
    /// </summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var end = Now + RemainingOrDilated(duration);
        var pause = interval ?? DefaultPollInterval;
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (Now < end)
            {
                // Polling is the point of this method: the only place where the TestKit waits blindly.
                Thread.Sleep(Min(pause, end - Now));
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails after <paramref name="max"/>.</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, TimeSpan? interval = null, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = RemainingOrDilated(max);
        var end = Now + limit;
        var pause = interval ?? DefaultPollInterval;
        while (!condition())
        {
            if (Now >= end)
            {
                throw new XunitException($"Timeout ({limit}) expired while waiting for the condition{(message is null ? "" : ": " + message)}.");
            }

            Thread.Sleep(Min(pause, end - Now));
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> with a deadline: expectations inside default to what remains of
    /// <paramref name="max"/>, and the block fails if it takes longer.
    /// </summary>
    public void Within(TimeSpan max, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Within(max, () =>
        {
            action();
            return true;
        });
    }

    public T Within<T>(TimeSpan max, Func<T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var limit = Dilated(max);
        var start = Stopwatch.GetTimestamp();
        var outer = _end;
        var end = Now + limit;
        _end = outer is { } o && o < end ? o : end;
        try
        {
            var result = function();
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (elapsed > limit)
            {
                throw new XunitException($"The block took {elapsed}, exceeding its limit of {limit}.");
            }

            return result;
        }
        finally
        {
            _end = outer;
        }
    }

    private TimeSpan RemainingOrDilated(TimeSpan? timeout) =>
        timeout is { } span ? Dilated(span) : RemainingOrDefault;

    private static TimeSpan Min(TimeSpan a, TimeSpan b)
    {
        var min = a < b ? a : b;
        return min < TimeSpan.Zero ? TimeSpan.Zero : min;
    }
}
