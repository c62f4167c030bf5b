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
    /// <summary>The runs one after another: what the experiment costs in training time.</summary>
    public TimeSpan Duration => Training + Evaluating + Overhead;

    /// <summary>Each run's estimated time, in the queue's order (seed by seed: optima in training order, then schedules).</summary>
    public IReadOnlyList<PlannedRun> Plan { get; init; } = [];

    /// <summary>
    /// How long the experiment should take with <paramref name="slots"/> runs training at once, as the queue hands them out:
    /// the lowest ready run first, a seed's optima one after another, its schedules once they are done, side by side.
    /// </summary>
    public TimeSpan WallTime(int slots)
    {
        var ends = new long?[Plan.Count]; // in ticks, exact
        var running = new List<int>();
        var now = 0L;
        while (true)
        {
            for (var i = 0; i < Plan.Count && running.Count < Math.Max(1, slots); i++)
            {
                if (ends[i] is null && Ready(i, ends, now))
                {
                    ends[i] = now + Plan[i].Duration.Ticks;
                    running.Add(i);
                }
            }

            if (running.Count == 0) return TimeSpan.FromTicks(now);
            now = running.Min(i => ends[i]!.Value);
            running.RemoveAll(i => ends[i] <= now);
        }
    }

    // An optimum waits for the seed's optima before it; a schedule for all of them.
    private bool Ready(int index, long?[] ends, long now)
    {
        var run = Plan[index];
        for (var i = 0; i < index; i++)
        {
            if (Plan[i].Seed == run.Seed && Plan[i].IsOptimum && !(ends[i] <= now)) return false;
        }

        return true;
    }

    /// <param name="speed">This model's measured speed; without one only the token count means anything (times are zero).</param>
    public static LaunchEstimate For(Service.Experiments.NewExperiment request, ExampleLengths lengths, TrainingSpeed? speed)
    {
        var h = request.Hyperparameters;
        var sftStep = h.SftBatchSize * lengths.MeanSftTokensAt(h.MaxLength);
        var dpoStep = h.DpoBatchSize * lengths.MeanPairTokensAt(h.MaxLength);
        var plans = RunPlans.Seeds(request).SelectMany(seed => RunPlans.Optimums(request, seed).Concat(RunPlans.Schedules(request, seed))).ToList();
        var tokens = plans.Sum(plan => h.Steps * TokensPerStep(plan, sftStep, dpoStep));
        var evaluationsPerRun = EvaluationsPerRun(h.Steps, h.EvalInterval);
        var evaluations = plans.Count * evaluationsPerRun;
        var perEvaluation = speed?.PerEvaluation ?? TimeSpan.Zero;
        var overhead = speed?.OverheadPerRun ?? TimeSpan.Zero;
        // Whole milliseconds: a third of a second in ticks is rounded down, and three of them then show 1m 09s as 1m 08s.
        TimeSpan Training(double runTokens) => TimeSpan.FromMilliseconds(speed is { TokensPerSecond: > 0 } ? Math.Round(runTokens / speed.TokensPerSecond * 1000) : 0);
        return new(plans.Count, (long)tokens, evaluations, Training(tokens), perEvaluation * evaluations, overhead * plans.Count)
        {
            Plan = [.. plans.Select(plan => new PlannedRun(plan.Hyperparameters.Seed, plan.Role != Data.Entities.RunRole.Schedule,
                Training(h.Steps * TokensPerStep(plan, sftStep, dpoStep)) + perEvaluation * evaluationsPerRun + overhead))],
        };
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

/// <summary>One run of a launch estimate: its seed, whether the seed's schedules wait for it, and its estimated time.</summary>
public sealed record PlannedRun(int Seed, bool IsOptimum, TimeSpan Duration);
