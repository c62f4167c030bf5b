using Forgetless.Data;
using Forgetless.Web.Service.Models;
using Microsoft.EntityFrameworkCore;
using DatasetKind = Forgetless.Data.Entities.DatasetKind;

namespace Forgetless.Web.Service.Experiments;

/// <summary>Field-level checks of a <see cref="NewExperiment"/>, keyed by field name as problem details expect.</summary>
public static class ExperimentValidation
{
    public static async Task<Dictionary<string, string[]>> CheckAsync(NewExperiment request, AppDbContext db, CancellationToken cancellationToken, int maxRuns = 200)
    {
        var problems = Check(request, maxRuns);
        void Add(string field, string message) => problems[field] = [message];

        if (!await db.Datasets.AnyAsync(d => d.Id == request.SftDatasetId && d.Kind == DatasetKind.Sft, cancellationToken)) Add("sftDatasetId", $"No SFT dataset has id {request.SftDatasetId}.");
        if (!await db.Datasets.AnyAsync(d => d.Id == request.PreferenceDatasetId && d.Kind == DatasetKind.Preference, cancellationToken)) Add("preferenceDatasetId", $"No preference dataset has id {request.PreferenceDatasetId}.");
        if ((await ModelChoice.ResolveAsync(db, request.ModelId, request.Model, cancellationToken)).Problem is { } modelProblem) Add(request.ModelId is null ? "model" : "modelId", modelProblem);
        return problems;
    }

    /// <summary>The checks that need no store: what the launcher runs on every change, so Launch stays off while one fails.</summary>
    public static Dictionary<string, string[]> Check(NewExperiment request, int maxRuns)
    {
        var problems = new Dictionary<string, string[]>();
        void Add(string field, string message) => problems[field] = [message];
        var h = request.Hyperparameters;

        if (string.IsNullOrWhiteSpace(request.Name)) Add("name", "A name is required.");
        if (request.Schedules.Count == 0) Add("schedules", "Pick at least one schedule.");
        if (request.Schedules.FirstOrDefault(s => !ScheduleNames.All.Contains(s)) is { } unknown) Add("schedules", $"Unknown schedule '{unknown}'; known: {string.Join(", ", ScheduleNames.All)}.");
        if (request.Lambdas.Count == 0) Add("lambdas", "Give at least one λ.");
        if (request.Lambdas.Any(l => l is < 0 or > 1 || double.IsNaN(l))) Add("lambdas", "Every λ must lie in [0, 1].");
        if (!ReferenceChoices.All.Contains(request.ReferenceChoice)) Add("referenceChoice", "Use 'sft_optimum', 'pref_sft' or 'initial'.");
        if (request.SeedCount is < 1 or > 10) Add("seedCount", "Use between 1 and 10 seeds.");
        if (h.Steps is < 1 or > 1_000_000) Add("hyperparameters.steps", "Steps must be between 1 and 1,000,000.");
        if (h.LearningRate is <= 0 or > 1 || double.IsNaN(h.LearningRate)) Add("hyperparameters.learningRate", "The learning rate must be in (0, 1].");
        if (h.Beta <= 0 || double.IsNaN(h.Beta)) Add("hyperparameters.beta", "β must be positive.");
        if (h.K < 1) Add("hyperparameters.k", "k must be at least 1.");
        if (h.SftBatchSize < 1 || h.DpoBatchSize < 1) Add("hyperparameters.batchSize", "Batch sizes must be at least 1.");
        if (h.EvalInterval < 1) Add("hyperparameters.evalInterval", "The evaluation interval must be at least 1.");
        if (h.MaxLength is < 8 or > 8192) Add("hyperparameters.maxLength", "The sequence length must be between 8 and 8192.");
        foreach (var (field, message) in h.Lora?.Problems() ?? [])
        {
            Add("hyperparameters." + field.Replace("target_modules", "targetModules", StringComparison.Ordinal), $"LoRA {field["lora.".Length..].Replace('_', ' ')} {message}.");
        }

        ExperimentLimits.Check(request, maxRuns, problems);
        return problems;
    }
}
