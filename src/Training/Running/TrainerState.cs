using Forgetless.Training.Batches;

namespace Forgetless.Training.Running;

/// <summary>Everything besides weights and optimiser moments that a checkpoint must hold for an exact resume.</summary>
internal sealed record TrainerState(
    long Step,
    string ScheduleState,
    SamplerPosition SftSampler,
    SamplerPosition DpoSampler,
    long NumTokens,
    long DpoSteps,
    long SftSteps,
    double TrainSeconds,
    IReadOnlyList<EvalPoint> Curve,
    SmoothedLosses? Smoothed = null,
    double EvalSeconds = 0);
