namespace Forgetless.Web.Features.NewExperiment;

/// <summary>
/// How a model's finished runs spent their time on this server, split three ways: training steps (tokens per second of
/// step time alone), held-out evaluations (seconds each) and a fixed cost per run (loading, the DPO reference pass,
/// checkpoints: wall time outside steps and evaluations). One whole-run tokens/s counted the last two as slow training,
/// which made short runs' estimates 1.8–3.3× too long.
/// </summary>
public sealed record TrainingSpeed(double TokensPerSecond, TimeSpan PerEvaluation, TimeSpan OverheadPerRun)
{
    /// <summary>
    /// The median run's three figures: tokens ÷ step seconds (its train seconds less its evaluations), evaluation seconds ÷
    /// evaluations (a run that did not record them has its evaluations costed at the median of those that did), and wall
    /// time outside the trainer's clock. Medians, so that the first run after a start (JIT, the data's first preparation)
    /// does not stand for every run. Null when no run trained a token.
    /// </summary>
    public static TrainingSpeed? From(IEnumerable<FinishedRun> runs)
    {
        var trained = runs.Where(r => r is { Tokens: > 0, TrainSeconds: > 0 }).ToList();
        if (trained.Count == 0) return null;
        var timed = trained.Where(r => r is { EvalSeconds: not null, Evaluations: > 0 }).Select(r => r.EvalSeconds!.Value / r.Evaluations).ToList();
        var perEvaluation = timed.Count == 0 ? 0 : Median(timed);
        var rates = trained.Select(r => (r.Tokens, Seconds: r.TrainSeconds - (r.EvalSeconds ?? r.Evaluations * perEvaluation)))
            .Where(r => r.Seconds > 0).Select(r => r.Tokens / r.Seconds).ToList();
        if (rates.Count == 0) return null;
        var overhead = Median([.. trained.Select(r => Math.Max(0, r.WallSeconds - r.TrainSeconds))]);
        return new(Median(rates), TimeSpan.FromSeconds(perEvaluation), TimeSpan.FromSeconds(overhead));
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}

/// <summary>
/// One finished run as <see cref="TrainingSpeed"/> reads it: <see cref="WallSeconds"/> from start to finish,
/// <see cref="TrainSeconds"/> the trainer's own clock (steps and evaluations), <see cref="EvalSeconds"/> the evaluations'
/// part of it (null on runs that finished before it was recorded), and how many evaluations the run reported.
/// </summary>
public sealed record FinishedRun(double WallSeconds, double TrainSeconds, double? EvalSeconds, double Tokens, int Evaluations);
