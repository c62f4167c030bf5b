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
    /// Tokens ÷ step seconds (a run's train seconds less its evaluations) over all <paramref name="runs"/>; evaluation seconds
    /// ÷ evaluations over the runs that recorded them (others' evaluations are costed at that rate); the mean wall time
    /// outside the trainer's clock. Null when no run trained a token.
    /// </summary>
    public static TrainingSpeed? From(IEnumerable<FinishedRun> runs)
    {
        var trained = runs.Where(r => r is { Tokens: > 0, TrainSeconds: > 0 }).ToList();
        if (trained.Count == 0) return null;
        var timed = trained.Where(r => r is { EvalSeconds: not null, Evaluations: > 0 }).ToList();
        var perEvaluation = timed.Count == 0 ? 0 : timed.Sum(r => r.EvalSeconds!.Value) / timed.Sum(r => r.Evaluations);
        var stepSeconds = trained.Sum(r => Math.Max(0, r.TrainSeconds - (r.EvalSeconds ?? r.Evaluations * perEvaluation)));
        if (stepSeconds <= 0) return null;
        var overhead = trained.Average(r => Math.Max(0, r.WallSeconds - r.TrainSeconds));
        return new(trained.Sum(r => r.Tokens) / stepSeconds, TimeSpan.FromSeconds(perEvaluation), TimeSpan.FromSeconds(overhead));
    }
}

/// <summary>
/// One finished run as <see cref="TrainingSpeed"/> reads it: <see cref="WallSeconds"/> from start to finish,
/// <see cref="TrainSeconds"/> the trainer's own clock (steps and evaluations), <see cref="EvalSeconds"/> the evaluations'
/// part of it (null on runs that finished before it was recorded), and how many evaluations the run reported.
/// </summary>
public sealed record FinishedRun(double WallSeconds, double TrainSeconds, double? EvalSeconds, double Tokens, int Evaluations);
