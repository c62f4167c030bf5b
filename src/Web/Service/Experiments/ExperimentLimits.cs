using Forgetless.Training.Datasets;
using Forgetless.Training.Tokenization;

namespace Forgetless.Web.Service.Experiments;

/// <summary>
/// The bounds a request must stay within, so one request cannot ask for a billion-row batch, a path as template or
/// thousands of runs. Problems are keyed by the JSON field name, as problem details expect.
/// </summary>
public static class ExperimentLimits
{
    public const int MaxNameLength = 200;
    public const int MaxTagsLength = 500;
    public const int MaxNotesLength = 10_000;
    public const int MaxBatchSize = 1024;
    public const int MaxEvalExamples = 100_000;
    public const int MaxSeed = 1_000_000_000;
    public const double MaxBeta = 100;

    public static void Check(NewExperiment request, int maxRuns, IDictionary<string, string[]> problems)
    {
        void Add(string field, string message) => problems[field] = [message];
        var h = request.Hyperparameters;

        if (request.Name is { } name && TextProblem(name, MaxNameLength, allowLineBreaks: false) is { } nameProblem) Add("name", $"The name {nameProblem}");
        if (TextProblem(request.Tags, MaxTagsLength, allowLineBreaks: false) is { } tags) Add("tags", $"Tags {tags}");
        if (TextProblem(request.Notes, MaxNotesLength, allowLineBreaks: true) is { } notes) Add("notes", $"Notes {notes}");
        if (!PromptTemplates.Names.Contains(h.Template, StringComparer.Ordinal)) Add("hyperparameters.template", $"Unknown template '{Shown(h.Template)}'; use one of {string.Join(", ", PromptTemplates.Names)}.");
        if (h.SftBatchSize is < 1 or > MaxBatchSize) Add("hyperparameters.sftBatchSize", $"The SFT batch size must be between 1 and {MaxBatchSize}.");
        if (h.DpoBatchSize is < 1 or > MaxBatchSize) Add("hyperparameters.dpoBatchSize", $"The DPO batch size must be between 1 and {MaxBatchSize}.");
        if (h.EvalExamples is < 1 or > MaxEvalExamples) Add("hyperparameters.evalExamples", $"Evaluation examples must be between 1 and {MaxEvalExamples:N0}.");
        if (h.EvalInterval > 1_000_000) Add("hyperparameters.evalInterval", "The evaluation interval must be at most 1,000,000.");
        if (h.WarmupSteps < 0 || h.WarmupSteps > h.Steps) Add("hyperparameters.warmupSteps", "Warm-up must be between 0 and the number of steps.");
        if (h.Seed is < 0 or > MaxSeed) Add("hyperparameters.seed", $"The seed must be between 0 and {MaxSeed:N0}.");
        if (h.K > 1_000_000) Add("hyperparameters.k", "k must be at most 1,000,000.");
        if (h.Beta > MaxBeta || double.IsInfinity(h.Beta)) Add("hyperparameters.beta", $"β must be at most {MaxBeta}.");
        if (double.IsInfinity(h.LearningRate)) Add("hyperparameters.learningRate", "The learning rate must be in (0, 1].");

        // The optimum and reference runs may be reused, but count them: the bound is on what one request can create.
        var runs = RunPlans.Count(request);
        if (runs > maxRuns) Add("lambdas", $"This asks for {runs:N0} runs ((schedules × λ values + optimum runs) × seeds); at most {maxRuns:N0} are allowed per experiment.");
    }

    /// <summary>Why a free-text field is unusable ("is longer than …", "holds …"), or null.</summary>
    public static string? TextProblem(string? text, int maxLength, bool allowLineBreaks)
    {
        if (text is null) return null;
        if (text.Length > maxLength) return $"has {text.Length:N0} characters; at most {maxLength:N0} are allowed.";
        return TextChecks.Problem(text, allowLineBreaks) is { } problem ? problem + "." : null;
    }

    // Echo a bad value back without its control characters and at a readable length.
    private static string Shown(string? value) => value is null ? "" : new string([.. value.Take(40).Select(c => char.IsControl(c) || char.IsSurrogate(c) ? '?' : c)]);
}
