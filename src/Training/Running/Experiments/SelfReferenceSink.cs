namespace Forgetless.Training.Running.Experiments;

/// <summary>
/// The SFT-only run of an <c>sft_optimum</c> experiment: its reference is its own final model, which does not exist
/// while it trains. Its live held-out DPO numbers are measured against θ₀, another function than the experiment's
/// f_DPO, so they are passed on under their own names (<see cref="MetricNames.EvalDpoLossAgainstInitial"/>). At the
/// final evaluation the policy is the reference: every implicit reward is 0, so f_DPO is exactly −log σ(0) = ln 2,
/// reported as <see cref="MetricNames.EvalDpoLoss"/>. The headless runner and the service both run through this.
/// </summary>
public sealed class SelfReferenceSink(IMetricSink inner, long finalStep) : IMetricSink
{
    public static readonly double FinalDpoLoss = Math.Log(2);

    public void Report(IReadOnlyList<MetricPoint> points)
    {
        List<MetricPoint> renamed = [.. points.Select(p => p.Name switch
        {
            MetricNames.EvalDpoLoss => p with { Name = MetricNames.EvalDpoLossAgainstInitial },
            MetricNames.EvalRewardAccuracy => p with { Name = MetricNames.EvalRewardAccuracyAgainstInitial },
            _ => p,
        })];
        if (points.Any(p => p.Name == MetricNames.EvalDpoLoss && p.Step == finalStep))
        {
            renamed.Add(new MetricPoint(finalStep, MetricNames.EvalDpoLoss, FinalDpoLoss));
        }

        inner.Report(renamed);
    }

    /// <summary>The run's curve as the experiment's f_DPO sees it: unmeasured (NaN) before the final point, ln 2 there.</summary>
    public static IReadOnlyList<EvalPoint> Curve(IReadOnlyList<EvalPoint> measured, long finalStep) =>
        [.. measured.Select(p => p with { DpoLoss = p.Step == finalStep ? FinalDpoLoss : double.NaN, RewardAccuracy = double.NaN })];
}
