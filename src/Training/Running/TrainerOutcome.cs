using Forgetless.Training.Schedules;

namespace Forgetless.Training.Running;

/// <summary>
/// How a <see cref="Trainer"/> run ended: its held-out curve, counters and smoothed training losses. <see cref="TrainSeconds"/>
/// is steps and evaluations; <see cref="EvalSeconds"/> the evaluations' share of it.
/// </summary>
public sealed record TrainerOutcome(
    long StepsDone,
    bool Cancelled,
    IReadOnlyList<EvalPoint> Curve,
    long NumTokens,
    long SftSteps,
    long DpoSteps,
    double TrainSeconds,
    SmoothedLosses? Smoothed = null,
    double EvalSeconds = 0)
{
    public ObjectiveLosses? Final => Curve.Count == 0 ? null : new ObjectiveLosses(Curve[^1].SftLoss, Curve[^1].DpoLoss);

    public double TokensPerSecond => TrainSeconds > 0 ? NumTokens / TrainSeconds : 0;
}
