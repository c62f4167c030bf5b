using System.Diagnostics;
using Forgetless.Training.Schedules;

namespace Forgetless.Training.Running.Experiments;

/// <summary>
/// Runs a whole experiment in this process (the headless command): with the <c>pref_sft</c> reference the reference
/// run first; then the SFT-only run, the DPO-only run against the shared reference, whose smoothed training losses
/// are MAXRIGHT's f*; then every schedule at every λ. At the end every run is measured against the reporting ideal
/// point: the best held-out value of each objective in the experiment.
/// </summary>
public static class ExperimentRunner
{
    public static ExperimentResult Run(ExperimentSpec spec, string workDirectory, TextWriter log, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var runs = RunSpec.Expand(spec);
        log.WriteLine($"experiment '{spec.Name}': {runs.Count} runs of {spec.Steps} steps, seed {spec.Seed}, reference {spec.Reference}, work folder {workDirectory}");
        List<RunResult> results = [];
        string? referencePath = null;
        if (RunSpec.ReferenceRun(spec) is { } referenceRun)
        {
            var reference = Execute(spec, referenceRun, workDirectory, log, null, null, cancellationToken);
            results.Add(reference);
            referencePath = reference.FinalModelPath;
        }

        // With sft_optimum the SFT-only run is its own reference (SelfReferenceSink); its final model is everyone else's.
        var sftOnly = Execute(spec, runs[0], workDirectory, log, null, referencePath, cancellationToken);
        referencePath = spec.Reference == ExperimentSpec.SftOptimumReference ? sftOnly.FinalModelPath : referencePath;
        var dpoOnly = Execute(spec, runs[1], workDirectory, log, null, referencePath, cancellationToken);
        var scheduleIdeal = TrainingLossOptimum.From(sftOnly, dpoOnly);
        log.WriteLine($"MAXRIGHT's f* (smoothed training losses of the optimum runs): f*_SFT = {scheduleIdeal.Sft:0.0000}, f*_DPO = {scheduleIdeal.Dpo:0.0000}");
        results.AddRange([sftOnly, dpoOnly]);
        foreach (var run in runs.Skip(2))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            results.Add(Execute(spec, run, workDirectory, log, scheduleIdeal, referencePath, cancellationToken));
        }

        var ideal = ReportingIdeal.Estimate(results.Where(r => r.Schedule != RunSpec.PrefSft)
            .SelectMany(r => r.Curve.Select(p => new HeldOutObservation(r.Id, p.Step, p.SftLoss, p.DpoLoss))))
            ?? throw new InvalidOperationException("No held-out evaluation measured both objectives: no ideal point.");
        log.WriteLine($"ideal point: {ideal.Describe()}");
        return new ExperimentResult
        {
            Name = spec.Name,
            Reference = spec.Reference,
            Ideal = ideal.Point,
            IdealSources = ideal,
            ScheduleIdeal = scheduleIdeal,
            Runs = [.. results.Select(r => r.Schedule == RunSpec.PrefSft ? r : WithIdeal(r, ideal.Point))],
            Interpolation = Interpolate(spec, workDirectory, log, results, referencePath),
            Machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
            Finished = DateTimeOffset.UtcNow,
            WallSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds,
        };
    }

    /// <summary>
    /// Every seed of <see cref="ExperimentSpec.RunSeeds"/> in turn, each a whole experiment of its own (its optima, its
    /// ideal point, its reference) in the work folder's <c>seed-N/</c>.
    /// </summary>
    public static MultiSeedResult RunSeeds(ExperimentSpec spec, string workDirectory, TextWriter log, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var results = new List<ExperimentResult>();
        foreach (var seed in spec.RunSeeds)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            log.WriteLine($"seed {seed}");
            results.Add(Run(spec with { Seed = seed, Seeds = null }, Path.Combine(workDirectory, $"seed-{seed}"), log, cancellationToken));
        }

        return new MultiSeedResult
        {
            Name = spec.Name,
            Seeds = results,
            Machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
            Finished = DateTimeOffset.UtcNow,
            WallSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds,
        };
    }

    /// <summary>The SFT-only model against the Sequential SFT→DPO model at the λ nearest 0.5; nothing when either is missing.</summary>
    private static IReadOnlyList<InterpolationResult> Interpolate(
        ExperimentSpec spec, string workDirectory, TextWriter log, IReadOnlyList<RunResult> results, string? referencePath)
    {
        var sftOnly = results.FirstOrDefault(r => r.Schedule == RunSpec.SftOnly && !r.Cancelled);
        var sequential = results.Where(r => r.Schedule == RunSpec.SequentialSftDpo && !r.Cancelled).MinBy(r => Math.Abs((r.Lambda ?? 0.5) - 0.5));
        if (sftOnly?.FinalModelPath is not { } start || sequential?.FinalModelPath is not { } end)
        {
            return [];
        }

        var points = WeightInterpolation.Evaluate(spec, workDirectory, start, end, referencePath,
            TorchSharp.torch.cuda.is_available() ? "cuda" : "cpu");
        log.WriteLine($"interpolation sft_only → {sequential.Id}: " +
            string.Join(", ", points.Select(p => $"α {p.Alpha:0.##}: f_SFT {p.SftLoss:0.0000}, f_DPO {p.DpoLoss:0.0000}")));
        return points;
    }

    private static RunResult Execute(
        ExperimentSpec spec, RunSpec run, string workDirectory, TextWriter log, IdealPoint? ideal, string? referencePath, CancellationToken cancellationToken)
    {
        var runDirectory = Path.Combine(workDirectory, "runs", run.Id);
        if (Directory.Exists(runDirectory))
        {
            Directory.Delete(runDirectory, recursive: true);
        }

        log.WriteLine($"[{run.Id}] starting");
        var context = new RunContext(workDirectory, runDirectory, new ProgressSink(log, run.Id), ideal, referencePath, Resume: false, log,
            Device: TorchSharp.torch.cuda.is_available() ? "cuda" : "cpu");
        var result = RunExecutor.Execute(spec, run, context, cancellationToken);
        log.WriteLine($"[{run.Id}] done in {result.WallSeconds:0.0} s: final f_SFT {result.Final.SftLoss:0.0000}, f_DPO {result.Final.DpoLoss:0.0000}, " +
            $"forgetting_sft {result.ForgettingSft:0.0000}, forgetting_dpo {result.ForgettingDpo:0.0000}");
        return result;
    }

    /// <summary>The reporting ideal point exists only once every run is done; every distance is measured against it.</summary>
    private static RunResult WithIdeal(RunResult run, IdealPoint ideal) => run with
    {
        Final = run.Final with { IdealDistance = ideal.DistanceTo(new ObjectiveLosses(run.Final.SftLoss, run.Final.DpoLoss)) },
        Curve = [.. run.Curve.Select(p => p with { IdealDistance = ideal.DistanceTo(new ObjectiveLosses(p.SftLoss, p.DpoLoss)) })],
    };
}
