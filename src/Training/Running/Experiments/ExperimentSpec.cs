using System.Text.Json;

namespace Forgetless.Training.Running.Experiments;

/// <summary>
/// Everything an experiment needs, read from JSON with snake_case names (see experiments/*.json). Datasets are
/// paths, or <c>demo:sft</c> / <c>demo:preference</c> for the built-in synthetic task. The model is a preset
/// (<c>tiny</c>, <c>bench17m</c>) or a Hugging Face folder. The reference is <c>sft_optimum</c> (the SFT-only run's
/// final model; the paper's SFT→DPO setting), <c>pref_sft</c> (a reference run SFT-trained on the chosen responses of
/// the preference data; the paper's DPO→SFT setting), <c>initial</c> (the starting model) or a checkpoint folder. With
/// <c>lora</c>, runs train LoRA adapters instead of every weight.
/// </summary>
public sealed record ExperimentSpec
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        // An unmeasured value (the SFT-only run's f_DPO before the SFT-optimum reference exists) is NaN in RESULTS.json.
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public string Name { get; init; } = "experiment";

    public required string SftDataset { get; init; }

    public required string PreferenceDataset { get; init; }

    /// <summary>Rows of each demo dataset when a dataset is <c>demo:*</c>.</summary>
    public int DemoExamples { get; init; } = 600;

    public int? MaxSftExamples { get; init; }

    public int? MaxPreferenceExamples { get; init; }

    public string Model { get; init; } = "tiny";

    public string Template { get; init; } = "alpaca";

    public string Reference { get; init; } = SftOptimumReference;

    /// <summary>The SFT-only run's final model: the paper's SFT→DPO setting.</summary>
    public const string SftOptimumReference = "sft_optimum";

    /// <summary>A model SFT-trained on the chosen responses of the preference data: the paper's DPO→SFT setting.</summary>
    public const string PrefSftReference = "pref_sft";

    /// <summary>θ₀, the starting model.</summary>
    public const string InitialReference = "initial";

    public IReadOnlyList<ScheduleSpec> Schedules { get; init; } = [];

    public int Steps { get; init; } = 200;

    public int SftBatchSize { get; init; } = 8;

    public int DpoBatchSize { get; init; } = 8;

    public int GradientAccumulation { get; init; } = 1;

    public double LearningRate { get; init; } = 1e-3;

    public int WarmupSteps { get; init; }

    public bool Cosine { get; init; }

    public double MinLearningRate { get; init; }

    public double AdamBeta1 { get; init; } = 0.9;

    public double AdamBeta2 { get; init; } = 0.95;

    public double WeightDecay { get; init; }

    public double MaxGradNorm { get; init; } = 1.0;

    public double Beta { get; init; } = 0.1;

    public int EvalInterval { get; init; } = 20;

    public int? EvalExamples { get; init; } = 128;

    public int CheckpointInterval { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>Seeds to repeat the whole experiment with (each its own θ₀, split, optima and reference); null means [<see cref="Seed"/>].</summary>
    public IReadOnlyList<int>? Seeds { get; init; }

    /// <summary>The seeds the experiment runs with.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<int> RunSeeds => Seeds ?? [Seed];

    public int MaxLength { get; init; } = 64;

    public double HeldOutFraction { get; init; } = 0.1;

    public int? Threads { get; init; }

    /// <summary>Recompute each layer's activations in backward instead of keeping them: less memory, about one more forward per step.</summary>
    public bool RecomputeActivations { get; init; }

    /// <summary>LoRA adapters to train instead of the full model; null (absent) means full fine-tuning.</summary>
    public LoraSpec? Lora { get; init; }

    public static ExperimentSpec Parse(string json) =>
        (JsonSerializer.Deserialize<ExperimentSpec>(json, JsonOptions)
            ?? throw new FormatException("The experiment config is empty.")).Validate();

    public static ExperimentSpec Load(string path) => Parse(File.ReadAllText(path));

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the offending field; returns this otherwise.</summary>
    public ExperimentSpec Validate()
    {
        Require(Steps > 0, "steps", "must be positive");
        Require(SftBatchSize > 0, "sft_batch_size", "must be positive");
        Require(DpoBatchSize > 0, "dpo_batch_size", "must be positive");
        Require(GradientAccumulation > 0, "gradient_accumulation", "must be positive");
        Require(LearningRate > 0, "learning_rate", "must be positive");
        Require(Beta > 0, "beta", "must be positive");
        Require(EvalInterval > 0, "eval_interval", "must be positive");
        Require(MaxLength >= 8, "max_length", "must be at least 8");
        Require(HeldOutFraction is > 0 and < 1, "held_out_fraction", "must be between 0 and 1");
        Require(Threads is null or > 0, "threads", "must be positive");
        Require(Seeds is null || (Seeds.Count > 0 && Seeds.Distinct().Count() == Seeds.Count), "seeds", "must be a non-empty list of distinct seeds");
        Require(!string.IsNullOrWhiteSpace(Reference), "reference", $"must be {SftOptimumReference}, {PrefSftReference}, {InitialReference} or a weights file");
        for (var i = 0; i < Schedules.Count; i++)
        {
            var schedule = Schedules[i];
            Require(RunSpec.Kinds.Contains(schedule.Kind), $"schedules[{i}].kind",
                $"'{schedule.Kind}' is not one of {string.Join(", ", RunSpec.Kinds)}");
            Require(schedule.Lambdas.Count > 0 && schedule.Lambdas.All(l => l is >= 0 and <= 1), $"schedules[{i}].lambdas",
                "must be a non-empty list of numbers in [0, 1]");
            Require(schedule.Split is null or (>= 0 and <= 1), $"schedules[{i}].split", "must be in [0, 1]");
        }

        Require(!RecomputeActivations || Lora is null || Lora.Dropout == 0, "recompute_activations",
            "cannot be combined with lora.dropout > 0 (the recomputed forward would draw other dropout masks)");
        foreach (var (field, message) in Lora?.Problems() ?? [])
        {
            Require(false, field, message);
        }

        return this;
    }

    private static void Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"Experiment config field '{field}' {message}.");
        }
    }
}
