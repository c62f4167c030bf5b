using Forgetless.Training.Schedules;

namespace Forgetless.Training.Running;

/// <summary>How a run trains: the optimiser, batch sizes, evaluation and checkpoint cadence, seed and threads.</summary>
public sealed record TrainerOptions
{
    public required long Steps { get; init; }

    public required LearningRateSchedule LearningRate { get; init; }

    public int SftBatchSize { get; init; } = 8;

    public int DpoBatchSize { get; init; } = 8;

    /// <summary>Each batch is split into this many micro-batches, whose gradients add up before one optimiser step.</summary>
    public int GradientAccumulation { get; init; } = 1;

    public double AdamBeta1 { get; init; } = 0.9;

    public double AdamBeta2 { get; init; } = 0.95;

    public double WeightDecay { get; init; }

    /// <summary>Gradient-norm clipping threshold; 0 or less turns clipping off.</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    public double Beta { get; init; } = 0.1;

    /// <summary>Held-out f_SFT and f_DPO are measured at step 0, every this many steps, and at the end.</summary>
    public int EvalInterval { get; init; } = 20;

    /// <summary>0 turns checkpoints off.</summary>
    public int CheckpointInterval { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>Intra-op threads for TorchSharp; null keeps the default (the core count).</summary>
    public int? Threads { get; init; }

    /// <summary>Activation checkpointing (<see cref="Model.RecomputedLayer"/>): Llama-family policies only.</summary>
    public bool RecomputeActivations { get; init; }
}
