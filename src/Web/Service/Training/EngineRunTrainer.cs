using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Data.Metrics;
using Forgetless.Training.Running.Checkpoints;
using Forgetless.Training.Running.Experiments;
using Forgetless.Training.Schedules;
using Forgetless.Web.Service.Experiments;
using Forgetless.Web.Service.Live;
using Forgetless.Web.Service.Queue;
using Forgetless.Web.Service.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Forgetless.Web.Service.Training;

/// <summary>
/// <see cref="IRunTrainer"/> on the engine's <see cref="RunExecutor"/>: maps the stored run and experiment to an
/// <see cref="ExperimentSpec"/> + <see cref="RunSpec"/>, lays out folders under the data directory
/// (experiments/&lt;id&gt;/ shared, runs/&lt;id&gt;/ per run), and before resuming deletes the metric points the
/// last checkpoint does not cover, so the stored curve has no duplicate and no gap.
/// </summary>
public sealed class EngineRunTrainer(
    IDbContextFactory<AppDbContext> dbFactory, DataDirectory dataDirectory, MetricWriter writer, RunLiveFeed feed,
    IOptions<TrainingOptions> options, DeviceChoice device, InterpolationBaseline interpolation, IRunQueue queue, ILogger<EngineRunTrainer> logger) : IRunTrainer
{
    public RunOutcome Train(RunClaim claim, CancellationToken cancellationToken)
    {
        var runId = claim.RunId;
        using var db = dbFactory.CreateDbContext();
        var run = db.Runs.Include(r => r.Experiment).ThenInclude(e => e!.SftDataset).Include(r => r.Experiment).ThenInclude(e => e!.PreferenceDataset)
            .AsNoTracking().Single(r => r.Id == runId);
        var experiment = run.Experiment!;
        var seed = db.ExperimentSeeds.AsNoTracking().Single(s => s.ExperimentId == experiment.Id && s.Seed == run.Seed);
        var checkpoint = LatestCheckpoint(runId);
        // One read of the folder for both: a second one could see a newer checkpoint than the points are pruned to.
        var resumeFrom = checkpoint is { } found ? dataDirectory.Resolve(found.Path) : null;
        writer.FlushAsync().GetAwaiter().GetResult(); // points of an earlier attempt still queued must land before they are pruned
        ResumePoints.Prune(db, runId, checkpoint?.Step);

        var spec = EngineSpecs.Experiment(experiment, run, dataDirectory, options.Value);
        var context = new RunContext(
            dataDirectory.Resolve($"experiments/{experiment.Id}"),
            RunDirectory(runId),
            new RunMetricSink(runId, claim.Attempt, writer, feed, spec.CheckpointInterval),
            seed is { IdealSft: { } sft, IdealDpo: { } dpo } ? new IdealPoint(sft, dpo) : null,
            ReferenceModel(experiment, seed),
            Resume: resumeFrom is not null,
            Device: device.Name)
        {
            // The checkpoint the points were pruned to, even if a worker that lost this run writes a newer one meanwhile.
            ResumeFrom = resumeFrom,
            // Renewing the lease is the check: it succeeds only while this attempt still holds the run.
            MayWriteCheckpoint = () => queue.RenewAsync(claim, CancellationToken.None).GetAwaiter().GetResult(),
        };
        var described = run.Lambda is { } lambda ? $"{run.Schedule}, λ {lambda.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : run.Schedule; // optima have no λ
        logger.LogInformation("Run {RunId} ({Run}) starts at step {Step} (attempt {Attempt})", runId, described, checkpoint?.Step ?? 0, claim.Attempt);
        var result = RunExecutor.Execute(spec, EngineSpecs.Run(run), context, cancellationToken);
        writer.FlushAsync().GetAwaiter().GetResult();
        if (!result.Cancelled) interpolation.AfterRun(run, seed, spec, context);
        return result.Cancelled ? new RunOutcome(RunStatus.Cancelled) : new RunOutcome(RunStatus.Completed, null, FinalMetrics(result));
    }

    public (string Path, long Step)? LatestCheckpoint(int runId)
    {
        var latest = new CheckpointStore(Path.Combine(RunDirectory(runId), "checkpoints")).Latest();
        if (latest is null || !long.TryParse(Path.GetFileName(latest).AsSpan("step-".Length), out var step)) return null;
        return (dataDirectory.Relative(latest), step);
    }

    private string RunDirectory(int runId) => dataDirectory.Resolve($"runs/{runId}");

    // With the sft_optimum (pref_sft) reference, the DPO reference is the seed's SFT-only (pref-SFT) run's final model.
    private string? ReferenceModel(Experiment experiment, ExperimentSeed seed) =>
        ReferenceChoices.IsTrained(experiment.ReferenceChoice) && seed.ReferenceRunId is { } referenceRun
            ? Path.Combine(RunDirectory(referenceRun), RunExecutor.FinalModelFileName)
            : null;

    private static Dictionary<string, double> FinalMetrics(RunResult result)
    {
        var metrics = new Dictionary<string, double>
        {
            ["eval/sft_loss"] = result.Final.SftLoss,
            ["eval/dpo_loss"] = result.Final.DpoLoss,
            ["forgetting/sft"] = result.ForgettingSft,
            ["forgetting/dpo"] = result.ForgettingDpo,
            ["dpo_step_share"] = result.DpoStepShare,
            ["wall_seconds"] = result.WallSeconds,
            ["tokens_per_second"] = result.TokensPerSecond,
            ["peak_rss_mb"] = result.PeakRssMb,
            ["num_tokens"] = result.NumTokens,
            [Forgetless.Training.Running.MetricNames.TrainSeconds] = result.TrainSeconds,
            [Forgetless.Training.Running.MetricNames.EvalSeconds] = result.EvalSeconds,
            ["steps"] = result.Steps,
        };
        if (result.Final.IdealDistance is { } distance) metrics["ideal_distance"] = distance;
        if (result.TrainingLosses.Sft is { } sftTraining) metrics[TrainingLossOptimum.SftMetric] = sftTraining;
        if (result.TrainingLosses.Dpo is { } dpoTraining) metrics[TrainingLossOptimum.DpoMetric] = dpoTraining;
        // Not measured (e.g. forgetting_dpo of the SFT-only run whose reference is its own final model) is left out: JSON has no NaN.
        return metrics.Where(m => double.IsFinite(m.Value)).ToDictionary();
    }
}
