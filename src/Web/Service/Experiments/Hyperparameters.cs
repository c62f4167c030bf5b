namespace Forgetless.Web.Service.Experiments;

/// <summary>Every training setting of a run; defaults suit the demo task on 2 CPU cores.</summary>
public sealed record Hyperparameters
{
    public int Steps { get; init; } = 200;

    public double LearningRate { get; init; } = 1e-3;

    public int WarmupSteps { get; init; } = 10;

    public double Beta { get; init; } = 0.1;

    /// <summary>MAXRIGHT's evaluation period (stale estimates refreshed every k steps).</summary>
    public int K { get; init; } = 1;

    public int SftBatchSize { get; init; } = 8;

    public int PreferenceBatchSize { get; init; } = 4;

    public int EvalEvery { get; init; } = 20;

    public int MaxSequenceLength { get; init; } = 128;

    public int Seed { get; init; }
}
