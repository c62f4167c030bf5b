namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>Time left from the measured pace: (steps left) × (seconds per step so far). Null until a step has run.</summary>
public static class EtaEstimate
{
    public static TimeSpan? Remaining(long stepsDone, long totalSteps, TimeSpan elapsed)
    {
        if (stepsDone <= 0 || totalSteps <= 0 || elapsed <= TimeSpan.Zero)
        {
            return null;
        }

        var left = Math.Max(totalSteps - stepsDone, 0);
        return TimeSpan.FromSeconds(elapsed.TotalSeconds / stepsDone * left);
    }

    /// <summary>Before launch: total steps of all runs at a measured throughput, spread over the concurrent workers.</summary>
    public static TimeSpan? ForPlan(long totalSteps, double stepsPerSecond, int concurrentRuns)
    {
        if (totalSteps <= 0 || stepsPerSecond <= 0 || !double.IsFinite(stepsPerSecond))
        {
            return null;
        }

        return TimeSpan.FromSeconds(totalSteps / stepsPerSecond / Math.Max(concurrentRuns, 1));
    }
}
