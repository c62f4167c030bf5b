using System.Globalization;
using Forgetless.Training.Running.Experiments;
using Forgetless.Web.Service.Experiments;

namespace Forgetless.Web.Features.NewExperiment;

/// <summary>The launcher's editable state; starts from the service's defaults and becomes a <see cref="Service.Experiments.NewExperiment"/>.</summary>
public sealed class ExperimentForm
{
    private static readonly Hyperparameters Defaults = new();
    private static readonly LoraSpec LoraDefaults = new();

    public string Name { get; set; } = "Comparison " + DateTime.Now.ToString("MMM d HH:mm", CultureInfo.InvariantCulture);
    public int? SftDatasetId { get; set; }
    public int? PreferenceDatasetId { get; set; }
    public string Model { get; set; } = "tiny";
    public string ReferenceChoice { get; set; } = ReferenceChoices.SftOptimum;
    public HashSet<string> Schedules { get; set; } = [ScheduleNames.SequentialSftDpo, ScheduleNames.Alright, ScheduleNames.Maxright];
    public string Lambdas { get; set; } = "0.5";
    public double Beta { get; set; } = Defaults.Beta;
    public int K { get; set; } = Defaults.K;
    public double LearningRate { get; set; } = Defaults.LearningRate;
    public int Steps { get; set; } = Defaults.Steps;
    public int SftBatchSize { get; set; } = Defaults.SftBatchSize;
    public int DpoBatchSize { get; set; } = Defaults.DpoBatchSize;
    public int EvalInterval { get; set; } = Defaults.EvalInterval;
    public int Seed { get; set; } = Defaults.Seed;
    public int SeedCount { get; set; } = Service.Experiments.NewExperiment.DefaultSeedCount;
    public int MaxLength { get; set; } = Defaults.MaxLength;
    public string Template { get; set; } = Defaults.Template;

    /// <summary>True once the user typed a maximum length: from then on the data's suggestion no longer replaces it.</summary>
    public bool MaxLengthChosen { get; set; }
    public bool UseLora { get; set; }
    public int LoraRank { get; set; } = LoraDefaults.Rank;
    public double LoraAlpha { get; set; } = LoraDefaults.Alpha;
    public double LoraDropout { get; set; } = 0.05;
    public HashSet<string> LoraTargets { get; set; } = [.. LoraDefaults.TargetModules];
    public string Tags { get; set; } = "";
    public string Notes { get; set; } = "";

    /// <summary>The paper's comparison: every schedule, λ ∈ {0.25, 0.5, 0.75} (paper §5), on the chosen data.</summary>
    public void ApplyPaperPreset()
    {
        Name = "Paper comparison " + DateTime.Now.ToString("MMM d HH:mm", CultureInfo.InvariantCulture);
        Schedules = [.. ScheduleNames.All];
        Lambdas = "0.25, 0.5, 0.75";
        Tags = "paper";
    }

    /// <summary>The one-click version: every schedule at λ = 0.5 (seven runs with the optima), so it ends in minutes.</summary>
    public void ApplyQuickPaperPreset()
    {
        ApplyPaperPreset();
        Lambdas = "0.5";
    }

    /// <summary>
    /// The paper's figure: Sequential SFT→DPO (λ = its DPO share of the budget), Mix, ALRIGHT and MAXRIGHT at
    /// λ ∈ {0.01, 0.25, 0.5, 0.75, 0.99}, where Mix should fall apart at the extremes.
    /// </summary>
    public void ApplyFullSweepPreset()
    {
        Name = "Full λ sweep " + DateTime.Now.ToString("MMM d HH:mm", CultureInfo.InvariantCulture);
        Schedules = [ScheduleNames.SequentialSftDpo, ScheduleNames.Mix, ScheduleNames.Alright, ScheduleNames.Maxright];
        Lambdas = "0.01, 0.25, 0.5, 0.75, 0.99";
        Tags = "paper, sweep";
    }

    /// <summary>The λ list as numbers, or the first entry that is not one (for the field's error message).</summary>
    public (IReadOnlyList<double> Values, string? Error) ParseLambdas()
    {
        var values = new List<double>();
        foreach (var part in Lambdas.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < 0 or > 1)
            {
                return ([], $"“{part}” is not a λ in [0, 1].");
            }

            values.Add(value);
        }

        return values.Count == 0 ? ([], "Give at least one λ.") : (values.Distinct().Order().ToList(), null);
    }

    /// <summary>Runs the request will create (<see cref="RunPlans.Count"/>): optimum and reference runs included, though finished identical ones are reused.</summary>
    public int RunCount() => RunPlans.Count(ToRequest());

    /// <summary>
    /// Every field's problem, keyed as the service keys them: the service's own checks on <see cref="ToRequest"/> plus what
    /// only the form can tell (no dataset picked, a λ that is not a number, a length the model cannot take).
    /// </summary>
    public Dictionary<string, string[]> Problems(int maxRuns, int? modelPositions)
    {
        var problems = ExperimentValidation.Check(ToRequest(), maxRuns);
        if (ParseLambdas().Error is { } lambdaError) problems["lambdas"] = [lambdaError];
        if (SftDatasetId is null) problems["sftDatasetId"] = ["Pick an SFT dataset (upload one on the Datasets page)."];
        if (PreferenceDatasetId is null) problems["preferenceDatasetId"] = ["Pick a preference dataset (upload one on the Datasets page)."];
        if (modelPositions is { } positions && MaxLength > positions) problems["hyperparameters.maxLength"] = [$"This model takes at most {positions:N0} tokens."];
        return problems;
    }

    public Service.Experiments.NewExperiment ToRequest() => new()
    {
        Name = Name.Trim(),
        SftDatasetId = SftDatasetId ?? 0,
        PreferenceDatasetId = PreferenceDatasetId ?? 0,
        Model = Model,
        ReferenceChoice = ReferenceChoice,
        Schedules = ScheduleNames.All.Where(Schedules.Contains).ToList(),
        Lambdas = ParseLambdas().Values,
        Hyperparameters = Defaults with
        {
            Beta = Beta, K = K, LearningRate = LearningRate, Steps = Steps, SftBatchSize = SftBatchSize,
            DpoBatchSize = DpoBatchSize, EvalInterval = EvalInterval, Seed = Seed, MaxLength = MaxLength, Template = Template,
            Lora = UseLora ? new LoraSpec
            {
                Rank = LoraRank, Alpha = LoraAlpha, Dropout = LoraDropout, TargetModules = [.. LoraSpec.LlamaLinearLayers.Where(LoraTargets.Contains)],
            } : null,
        },
        SeedCount = SeedCount,
        Tags = Tags,
        Notes = Notes,
    };
}
