using System.Text.Json.Serialization;
using Forgetless.Training.Running.Experiments;

namespace Forgetless.Web.Service.Experiments;

/// <summary>
/// Every training setting of a run, named as the engine's ExperimentSpec names them (snake_case in its JSON);
/// defaults suit the demo task on 2 CPU cores.
/// </summary>
public sealed record Hyperparameters
{
    public int Steps { get; init; } = 200;

    public double LearningRate { get; init; } = 3e-3;

    public int WarmupSteps { get; init; }

    public double Beta { get; init; } = 0.1;

    /// <summary>MAXRIGHT's evaluation interval: 1 is the paper's MAXRIGHT (both objectives every step); larger k saves compute.</summary>
    public int K { get; init; } = 1;

    public int SftBatchSize { get; init; } = 16;

    public int DpoBatchSize { get; init; } = 16;

    public int EvalInterval { get; init; } = 20;

    public int EvalExamples { get; init; } = 64;

    public int MaxLength { get; init; } = 64;

    public string Template { get; init; } = "alpaca";

    /// <summary>LoRA adapters to train instead of every weight (the engine's <c>lora</c>); null trains the whole model.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] // plans without it keep their JSON, so finished optimum runs are still reused
    public LoraSpec? Lora { get; init; }

    /// <summary>The run's seed (θ₀, held-out split, batches); an experiment's first seed when it has several.</summary>
    public int Seed { get; init; } = 1;
}
