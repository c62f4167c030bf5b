using Forgetless.Training.Batches;
using Forgetless.Web.Service.Experiments;

namespace Forgetless.Web.Features.NewExperiment;

/// <summary>
/// How long a request should train: the tokens its runs will put through the model (each step's batch of examples at the
/// chosen maximum length) divided by the tokens per second this model measured here. Approximate by design: a step
/// trains one SFT batch, one DPO batch (chosen and rejected) or, for Mix and MAXRIGHT at k = 1, both.
/// </summary>
public sealed record LaunchEstimate(long Tokens, TimeSpan Duration)
{
    public static LaunchEstimate For(Service.Experiments.NewExperiment request, ExampleLengths lengths, double tokensPerSecond)
    {
        var h = request.Hyperparameters;
        var sftStep = h.SftBatchSize * lengths.MeanSftTokensAt(h.MaxLength);
        var dpoStep = h.DpoBatchSize * lengths.MeanPairTokensAt(h.MaxLength);
        var plans = RunPlans.Seeds(request).SelectMany(seed => RunPlans.Optimums(request, seed).Concat(RunPlans.Schedules(request, seed)));
        var tokens = plans.Sum(plan => h.Steps * TokensPerStep(plan, sftStep, dpoStep));
        return new((long)tokens, TimeSpan.FromSeconds(tokensPerSecond > 0 ? tokens / tokensPerSecond : 0));
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
