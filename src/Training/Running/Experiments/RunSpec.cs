using System.Globalization;
using Forgetless.Training.Schedules;

namespace Forgetless.Training.Running.Experiments;

/// <summary>
/// One run of an experiment: a schedule kind at one λ. The optimum runs (<c>sft_only</c>, <c>dpo_only</c>) have no λ;
/// they come first because they give the ideal point and, for <c>sft_optimum</c>, the reference model. With the
/// <c>pref_sft</c> reference, the reference run (<c>pref_sft</c>: SFT on the chosen responses of the preference data)
/// comes before them. <see cref="K"/> is MAXRIGHT's evaluation interval: 1 (both objectives every step) is the paper's
/// MAXRIGHT; larger k is the memory-saving variant of its code.
/// </summary>
public sealed record RunSpec(string Kind, double? Lambda = null, int K = 1, double? Split = null)
{
    public const string PrefSft = "pref_sft";
    public const string SftOnly = "sft_only";
    public const string DpoOnly = "dpo_only";
    public const string SequentialSftDpo = "sequential_sft_dpo";
    public const string SequentialDpoSft = "sequential_dpo_sft";
    public const string Mix = "mix";
    public const string Alright = "alright";
    public const string Maxright = "maxright";

    /// <summary>The schedule kinds an experiment config may list.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [SequentialSftDpo, SequentialDpoSft, Mix, Alright, Maxright];

    /// <summary>A stable name such as <c>alright-0.5</c>, used for folders and results.</summary>
    public string Id => Lambda is { } lambda ? $"{Kind}-{lambda.ToString("0.###", CultureInfo.InvariantCulture)}" : Kind;

    public bool IsOptimumRun => Kind is SftOnly or DpoOnly;

    /// <summary>The pref-SFT reference run: its f_SFT is measured on other data, so it is no part of the comparison.</summary>
    public bool IsReferenceRun => Kind is PrefSft;

    /// <summary>The run that makes the DPO reference before the optimum runs, when the spec's reference needs one.</summary>
    public static RunSpec? ReferenceRun(ExperimentSpec spec) => spec.Reference == ExperimentSpec.PrefSftReference ? new RunSpec(PrefSft) : null;

    /// <summary>True when the run ends with a stretch of DPO-only steps fixed in advance (forgetting is measured from its start).</summary>
    public bool EndsWithDpoStage => Kind is DpoOnly or SequentialSftDpo;

    /// <summary>The optimum runs, then every schedule at every λ, in config order.</summary>
    public static IReadOnlyList<RunSpec> Expand(ExperimentSpec spec) =>
    [
        new RunSpec(SftOnly),
        new RunSpec(DpoOnly),
        .. spec.Schedules.SelectMany(s => s.Lambdas.Select(l => new RunSpec(s.Kind, l, s.K, s.Split))),
    ];

    /// <summary>Steps of the first stage of a Sequential run (SFT for SFT→DPO, DPO for DPO→SFT).</summary>
    public long FirstStageSteps(long totalSteps)
    {
        var dpoShare = Lambda ?? 0.5;
        var firstShare = Split ?? (Kind == SequentialSftDpo ? 1 - dpoShare : dpoShare);
        return (long)Math.Round(firstShare * totalSteps, MidpointRounding.AwayFromZero);
    }

    /// <summary>The step the last SFT-only stretch starts at, for runs that end with one (forgetting_dpo is measured from it).</summary>
    public long SftStageStart(long totalSteps) => Kind switch
    {
        SftOnly or PrefSft => 0,
        SequentialDpoSft => FirstStageSteps(totalSteps),
        _ => totalSteps,
    };

    /// <summary>The step the last DPO-only stretch starts at, for runs that end with one.</summary>
    public long DpoStageStart(long totalSteps) => Kind switch
    {
        DpoOnly => 0,
        SequentialSftDpo => FirstStageSteps(totalSteps),
        _ => totalSteps,
    };

    public ISchedule CreateSchedule(long totalSteps, ulong seed, IdealPoint ideal) => Kind switch
    {
        SftOnly or PrefSft => new SingleObjectiveSchedule(Objective.Sft),
        DpoOnly => new SingleObjectiveSchedule(Objective.Dpo),
        SequentialSftDpo => new SequentialSchedule(Objective.Sft, FirstStageSteps(totalSteps)),
        SequentialDpoSft => new SequentialSchedule(Objective.Dpo, FirstStageSteps(totalSteps)),
        Mix => new MixSchedule(RequiredLambda),
        Alright => new AlrightSchedule(RequiredLambda, seed),
        Maxright => new MaxrightSchedule(RequiredLambda, K, ideal),
        _ => throw new ArgumentException($"Unknown schedule kind '{Kind}'."),
    };

    private double RequiredLambda => Lambda ?? throw new ArgumentException($"Schedule '{Kind}' needs a lambda.");
}
