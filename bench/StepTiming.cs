using System.Diagnostics;

namespace Forgetless.Bench;

/// <summary>Times an action: warm-up calls first (allocator, thread pool, first-touch pages), then the median of timed calls.</summary>
public static class StepTiming
{
    public static double MedianSeconds(Action action, int warmUp, int timed)
    {
        for (var i = 0; i < warmUp; i++)
        {
            action();
        }

        var seconds = new double[timed];
        for (var i = 0; i < timed; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            seconds[i] = clock.Elapsed.TotalSeconds;
        }

        Array.Sort(seconds);
        return timed % 2 == 1 ? seconds[timed / 2] : (seconds[timed / 2 - 1] + seconds[timed / 2]) / 2;
    }
}
