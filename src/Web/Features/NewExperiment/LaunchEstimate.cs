using Forgetless.Training.Batches;
using Forgetless.Web.Service.Experiments;

namespace Forgetless.Web.Features.NewExperiment;

/// <summary>
/// How long a request should train, in the three parts a run spends its time on (<see cref="TrainingSpeed"/>): the tokens
/// its runs will put through the model (each step's batch of examples at the chosen maximum length) at the model's measured
/// tokens per second of training, its held-out evaluations, and each run's fixed cost. Approximate by design: a step
/// trains one SFT batch, one DPO batch (chosen and rejected) or, for Mix and MAXRIGHT at k = 1, both.
/// </summary>
public sealed record LaunchEstimate(int Runs, long Tokens, long Evaluations, TimeSpan Training, TimeSpan Evaluating, TimeSpan Overhead)
{
    public TimeSpan Duration => Training + Evaluating + Overhead;

    /// <param name="speed">This model's measured speed; without one only the token count means anything (times are zero).</param>
    public static LaunchEstimate For(Service.Experiments.NewExperiment request, ExampleLengths lengths, TrainingSpeed? speed)
    {
        var h = request.Hyperparameters;
        var sftStep = h.SftBatchSize * lengths.MeanSftTokensAt(h.MaxLength);
        var dpoStep = h.DpoBatchSize * lengths.MeanPairTokensAt(h.MaxLength);
        var plans = RunPlans.Seeds(request).SelectMany(seed => RunPlans.Optimums(request, seed).Concat(RunPlans.Schedules(request, seed))).ToList();
        var tokens = plans.Sum(plan => h.Steps * TokensPerStep(plan, sftStep, dpoStep));
        var evaluations = (long)plans.Count * EvaluationsPerRun(h.Steps, h.EvalInterval);
        return new(plans.Count, (long)tokens, evaluations,
            TimeSpan.FromSeconds(speed is { TokensPerSecond: > 0 } ? tokens / speed.TokensPerSecond : 0),
            (speed?.PerEvaluation ?? TimeSpan.Zero) * evaluations,
            (speed?.OverheadPerRun ?? TimeSpan.Zero) * plans.Count);
    }

    /// <summary>The trainer evaluates before steps 0, k, 2k, … below <paramref name="steps"/>, and once more after the last.</summary>
    public static long EvaluationsPerRun(long steps, int evalInterval)
    {
        var k = Math.Max(1, evalInterval);
        return (steps + k - 1) / k + 1;
    }

    // λ is the DPO share of the steps for ALRIGHT and Sequential; Mix computes both losses every step.
    private static double TokensPerStep(RunPlan plan, double sftStep, double dpoStep) => plan.Schedule switch
    {
        ScheduleNames.SftOnly => sftStep,
        ScheduleNames.PrefSft => dpoStep / 2, // SFT on the chosen responses: about half a pair
        ScheduleNames.DpoOnly => dpoStep,
        ScheduleNames.Mix => sftStep + dpoStep,
        // MAXRIGHT trains one objective a step and probes both (forward only, about half a step's cost) every k steps.
        ScheduleNames.Maxright => (sftStep + dpoStep) / 2 * (1 + 1.0 / Math.Max(1, plan.Hyperparameters.K)),
        _ => (1 - (plan.Lambda ?? 0.5)) * sftStep + (plan.Lambda ?? 0.5) * dpoStep,
    };
}
