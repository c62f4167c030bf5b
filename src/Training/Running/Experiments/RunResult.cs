namespace Forgetless.Training.Running.Experiments;

/// <summary>
/// What one run produced. <see cref="ForgettingSft"/> is the final held-out f_SFT minus the best one seen before
/// the run's last DPO-only stretch (for joint runs, minus the run's best). <see cref="DpoStepShare"/> is the share of
/// optimiser steps that trained DPO (Mix counts as both). <see cref="PeakRssMb"/> is the largest resident memory of the process sampled while this run (this attempt, when resumed) trained.
/// </summary>
public sealed record RunResult
{
    public required string Id { get; init; }

    public required string Schedule { get; init; }

    public double? Lambda { get; init; }

    public required int Seed { get; init; }

    public required long Steps { get; init; }

    public required FinalLosses Final { get; init; }

    public required double ForgettingSft { get; init; }

    /// <summary>The mirror image: final held-out f_DPO minus the best one before the run's last SFT-only stretch (joint runs: the run's best).</summary>
    public double ForgettingDpo { get; init; } = double.NaN;

    /// <summary>Smoothed training-batch losses at the end; an optimum run's give MAXRIGHT its f* (<see cref="TrainingLossOptimum"/>).</summary>
    public SmoothedLosses TrainingLosses { get; init; } = SmoothedLosses.None;

    public required double DpoStepShare { get; init; }

    public required double WallSeconds { get; init; }

    public required double TokensPerSecond { get; init; }

    public required double PeakRssMb { get; init; }

    /// <summary>Tokens the run trained on, over all its attempts (<see cref="TokensPerSecond"/> = this ÷ <see cref="TrainSeconds"/>).</summary>
    public long NumTokens { get; init; }

    /// <summary>Seconds spent in training steps and evaluations, over all attempts (no queueing, loading or checkpoint writing).</summary>
    public double TrainSeconds { get; init; }

    /// <summary>The held-out evaluations' part of <see cref="TrainSeconds"/>, over all attempts.</summary>
    public double EvalSeconds { get; init; }

    public bool Cancelled { get; init; }

    public required IReadOnlyList<EvalPoint> Curve { get; init; }

    /// <summary>Where the run's final weights are (safetensors), for the SFT-optimum reference.</summary>
    public string? FinalModelPath { get; init; }

    /// <summary>A LoRA run's adapters alone, in PEFT layout (adapter_config.json + adapter_model.safetensors); null otherwise.</summary>
    public string? AdapterPath { get; init; }
}
