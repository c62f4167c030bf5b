using System.Text.Json;
using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Data.Metrics;
using Forgetless.Web.Service.Datasets;
using Forgetless.Web.Service.Live;
using Forgetless.Web.Service.Models;
using Forgetless.Web.Service.Queue;
using Forgetless.Web.Service.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Forgetless.Web.Service.Experiments;

/// <summary>Writes on experiments and runs: create (runs Queued), cancel, resume, delete. Used by the API and the pages.</summary>
public sealed class ExperimentCommands(
    IDbContextFactory<AppDbContext> dbFactory, IRunQueue queue, RunControl control, RunLiveFeed feed, MetricWriter writer, DataDirectory dataDirectory,
    IOptions<ForgetlessOptions> options, DataLengths dataLengths)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Creates the experiment and its Queued runs; the validation problems when the request is unusable.</summary>
    public async Task<(int? ExperimentId, IReadOnlyDictionary<string, string[]> Problems)> CreateAsync(NewExperiment request, string createdBy, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var problems = await ExperimentValidation.CheckAsync(request, db, cancellationToken, options.Value.MaxRunsPerExperiment);
        if (problems.Count > 0) return (null, problems);
        // The plans (and so the engine) get what to load: a preset name or the model's folder relative to the data directory.
        var (model, engineModel, _) = await ModelChoice.ResolveAsync(db, request.ModelId, request.Model, cancellationToken);
        request = request with { Model = engineModel!, ModelId = model?.Id };
        var h = request.Hyperparameters;
        if (h.MaxLength > dataLengths.ModelPositions(request.Model))
        {
            return (null, new Dictionary<string, string[]>
            {
                ["hyperparameters.maxLength"] = [$"This model takes at most {dataLengths.ModelPositions(request.Model):N0} tokens; lower the maximum length."],
            });
        }

        // Recorded on every run, so a cut example is never a surprise found later.
        Forgetless.Training.Batches.TruncationCounts? truncation;
        try
        {
            var lengths = await dataLengths.MeasureAsync(request.SftDatasetId, request.PreferenceDatasetId, request.Model, h.Template, cancellationToken);
            truncation = lengths?.TruncatedAt(h.MaxLength);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ArgumentException or NotSupportedException or JsonException)
        {
            return (null, new Dictionary<string, string[]> { ["model"] = [$"This model's tokenizer could not be read: {ex.Message}"] });
        }

        var now = DateTime.UtcNow;
        var experiment = new Experiment
        {
            Name = request.Name.Trim(), SftDatasetId = request.SftDatasetId, PreferenceDatasetId = request.PreferenceDatasetId,
            Model = request.Model, ModelId = request.ModelId, ReferenceChoice = request.ReferenceChoice, SpecJson = JsonSerializer.Serialize(request, Json),
            CreatedBy = createdBy, CreatedAt = now, Tags = request.Tags, Notes = request.Notes,
        };
        await AddRunsAsync(db, experiment, request, createdBy, now, cancellationToken);
        foreach (var run in experiment.Runs.Where(_ => truncation is not null))
        {
            (run.TruncatedSftExamples, run.SftExamples, run.TruncatedPreferencePairs, run.PreferencePairs) =
                (truncation!.SftTruncated, truncation.SftExamples, truncation.PreferenceTruncated, truncation.PreferencePairs);
        }

        db.Experiments.Add(experiment);
        await db.SaveChangesAsync(cancellationToken);
        queue.Signal();
        return (experiment.Id, new Dictionary<string, string[]>());
    }

    /// <summary>
    /// Queued runs are cancelled at once; a running one stops within one step (one heartbeat when another process trains it)
    /// and keeps its last checkpoint.
    /// </summary>
    public async Task<RunCommandOutcome> CancelAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null) return RunCommandOutcome.NotFound;
        var changed = await db.Runs.Where(r => r.Id == runId && r.Status == RunStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Cancelled).SetProperty(r => r.FinishedAt, DateTime.UtcNow), cancellationToken);
        if (changed == 1)
        {
            feed.Publish(new RunStatusChange(runId, run.ExperimentId, RunStatus.Cancelled, null, DateTime.UtcNow));
            return RunCommandOutcome.Done;
        }

        if (control.Cancel(runId)) return RunCommandOutcome.Done;
        // Training in another process: end the claim here; that worker's next heartbeat finds it stale and stops the run.
        changed = await db.Runs.Where(r => r.Id == runId && r.Status == RunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Cancelled).SetProperty(r => r.FinishedAt, DateTime.UtcNow)
                .SetProperty(r => r.LeaseExpiresAt, (DateTime?)null), cancellationToken);
        if (changed == 0) return RunCommandOutcome.WrongState;
        feed.Publish(new RunStatusChange(runId, run.ExperimentId, RunStatus.Cancelled, null, DateTime.UtcNow));
        return RunCommandOutcome.Done;
    }

    /// <summary>Puts a Cancelled, Failed or Interrupted run back in the queue; it continues from its last checkpoint.</summary>
    public async Task<RunCommandOutcome> ResumeAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null) return RunCommandOutcome.NotFound;
        var changed = await db.Runs
            .Where(r => r.Id == runId && (r.Status == RunStatus.Cancelled || r.Status == RunStatus.Failed || r.Status == RunStatus.Interrupted))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Queued).SetProperty(r => r.FinishedAt, (DateTime?)null), cancellationToken);
        if (changed == 0) return RunCommandOutcome.WrongState;
        feed.Publish(new RunStatusChange(runId, run.ExperimentId, RunStatus.Queued, null, DateTime.UtcNow));
        queue.Signal();
        return RunCommandOutcome.Done;
    }

    /// <summary>
    /// Deletes a run: its row, metric points and folder (checkpoints, final model). Refused while it is Running, and for
    /// an optimum run while runs that need its ideal point or reference model are Queued or Running.
    /// </summary>
    public async Task<DeleteOutcome> DeleteRunAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null) return DeleteOutcome.NotFound;
        if (await RunDependents.BlockingReasonAsync(db, [run], null, cancellationToken) is { } reason) return DeleteOutcome.Refused(reason);
        await writer.FlushAsync(); // points still queued for it would otherwise fail the foreign key
        // One statement, so the queue cannot claim the run between the check and the delete.
        var deleted = await db.Runs.Where(r => r.Id == runId && r.Status != RunStatus.Running).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0) return DeleteOutcome.Refused($"Run {runId} is running; cancel it first.");
        DeleteFolder($"runs/{runId}");
        return DeleteOutcome.Done;
    }

    /// <summary>Deletes an experiment with its runs, their metric points and folders. Refused while any of its runs is Running.</summary>
    public async Task<DeleteOutcome> DeleteExperimentAsync(int experimentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var runs = await db.Runs.AsNoTracking().Where(r => r.ExperimentId == experimentId).ToListAsync(cancellationToken);
        if (runs.Count == 0 && !await db.Experiments.AnyAsync(e => e.Id == experimentId, cancellationToken)) return DeleteOutcome.NotFound;
        if (await RunDependents.BlockingReasonAsync(db, runs, experimentId, cancellationToken) is { } reason) return DeleteOutcome.Refused(reason);
        await writer.FlushAsync();
        // Runs and metric points go by the foreign keys' ON DELETE CASCADE.
        var deleted = await db.Experiments.Where(e => e.Id == experimentId && !e.Runs.Any(r => r.Status == RunStatus.Running)).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0) return DeleteOutcome.Refused($"A run of experiment {experimentId} is running; cancel it first.");
        foreach (var run in runs) DeleteFolder($"runs/{run.Id}");
        DeleteFolder($"experiments/{experimentId}");
        return DeleteOutcome.Done;
    }

    // Identical optimum and reference runs that already finished are reused, seed by seed: MAXRIGHT's f* comes from the
    // optimum runs' final training losses, the DPO reference from the SFT-only (sft_optimum) or pref-SFT (pref_sft) run's
    // final model. The experiment's own IdealSft/IdealDpo/ReferenceRunId columns repeat its first seed's. Runs are added
    // seed by seed (the queue takes the lowest ready id), so the first seed's comparison completes first.
    private static async Task AddRunsAsync(AppDbContext db, Experiment experiment, NewExperiment request, string by, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var seed in RunPlans.Seeds(request))
        {
            var seedRow = new ExperimentSeed { Seed = seed };
            experiment.Seeds.Add(seedRow);
            await AddOptimumRunsAsync(db, experiment, seedRow, request.ReferenceChoice, RunPlans.Optimums(request, seed), by, now, cancellationToken);
            if (seed == request.Hyperparameters.Seed)
            {
                (experiment.IdealSft, experiment.IdealDpo, experiment.ReferenceRunId) = (seedRow.IdealSft, seedRow.IdealDpo, seedRow.ReferenceRunId);
            }

            foreach (var plan in RunPlans.Schedules(request, seed))
            {
                experiment.Runs.Add(NewRun(plan, by, now));
            }
        }
    }

    private static async Task AddOptimumRunsAsync(
        AppDbContext db, Experiment experiment, ExperimentSeed seedRow, string referenceChoice, IEnumerable<RunPlan> plans, string by, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var plan in plans)
        {
            var spec = JsonSerializer.Serialize(plan, Json);
            var done = await db.Runs.AsNoTracking()
                .Where(r => r.Role == plan.Role && r.SpecJson == spec && r.Status == RunStatus.Completed && r.FinalMetricsJson != null)
                .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            var optimum = done is null ? null : IdealPointFrom.Optimum(done);
            if (done is not null && plan.Role == RunRole.PrefSftReference)
            {
                seedRow.ReferenceRunId = done.Id;
            }
            else if (optimum is null)
            {
                experiment.Runs.Add(NewRun(plan, by, now));
            }
            else if (plan.Role == RunRole.SftOptimum)
            {
                seedRow.IdealSft = optimum;
                if (referenceChoice == ReferenceChoices.SftOptimum) seedRow.ReferenceRunId = done!.Id; // its final model is the DPO reference too
            }
            else
            {
                seedRow.IdealDpo = optimum;
            }
        }
    }

    private void DeleteFolder(string relative)
    {
        var folder = dataDirectory.Resolve(relative);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static Run NewRun(RunPlan plan, string by, DateTime now) => new()
    {
        Role = plan.Role, Schedule = plan.Schedule, Lambda = plan.Lambda, K = plan.Hyperparameters.K, Seed = plan.Hyperparameters.Seed,
        TotalSteps = plan.Hyperparameters.Steps, SpecJson = JsonSerializer.Serialize(plan, Json), Status = RunStatus.Queued,
        CreatedAt = now, LaunchedBy = by,
    };
}
