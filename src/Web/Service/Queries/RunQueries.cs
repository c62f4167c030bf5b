using System.Runtime.CompilerServices;
using System.Text.Json;
using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Data.Metrics;
using Forgetless.Web.Service.Training;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Service.Queries;

/// <summary>
/// Read side for the pages and the API: experiments, runs and metric curves, one short-lived context per call.
/// Curves can be downsampled (<c>maxPoints</c>) so a chart of 20 runs × 5,000 steps stays light.
/// </summary>
public sealed class RunQueries(IDbContextFactory<AppDbContext> dbFactory, IRunTrainer trainer)
{
    /// <summary>
    /// One page of the experiments outside the trash (or, with <paramref name="trashed"/>, those in it) in <paramref name="sort"/>
    /// order, and how many there are in all. Summaries and best ideal distances are read for the page alone, except that the
    /// distance order needs every experiment's distance to place them.
    /// </summary>
    public async Task<ExperimentPage> ListExperimentsAsync(string? search = null, bool trashed = false, ExperimentSort sort = ExperimentSort.Newest,
        int skip = 0, int take = ExperimentPage.DefaultTake, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Experiments.AsNoTracking().Where(e => (e.TrashedAt != null) == trashed);
        if (!string.IsNullOrWhiteSpace(search))
        {
            // '%' and '_' typed by the user are matched literally, not as wildcards.
            var pattern = $"%{LikeEscaped(search.Trim())}%";
            query = query.Where(e => EF.Functions.Like(e.Name, pattern, LikeEscape) || EF.Functions.Like(e.Tags, pattern, LikeEscape)
                || EF.Functions.Like(e.CreatedBy, pattern, LikeEscape) || EF.Functions.Like(e.Notes, pattern, LikeEscape));
        }

        var total = await query.CountAsync(cancellationToken);
        IReadOnlyDictionary<int, BestIdealDistance>? allDistances = null;
        List<int> ids;
        if (sort is ExperimentSort.Newest or ExperimentSort.Oldest)
        {
            var ordered = sort == ExperimentSort.Newest ? query.OrderByDescending(e => e.Id) : query.OrderBy(e => e.Id);
            ids = await ordered.Skip(skip).Take(take).Select(e => e.Id).ToListAsync(cancellationToken);
        }
        else
        {
            // Names compare in the server's culture, and distances are computed, not stored: both are ordered here.
            var keys = await query.Select(e => new { e.Id, e.Name }).ToListAsync(cancellationToken);
            if (sort == ExperimentSort.Distance) allDistances = await BestIdealDistanceQuery.ForExperimentsAsync(db, [.. keys.Select(k => k.Id)], cancellationToken);
            ids = [.. ExperimentOrder.Sort(keys, sort, k => k.Id, k => k.Name, k => allDistances?.GetValueOrDefault(k.Id)?.Distance).Skip(skip).Take(take).Select(k => k.Id)];
        }

        var summaries = await db.Experiments.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new ExperimentSummary(
            e.Id, e.Name, e.Model, e.CreatedBy, e.CreatedAt, e.Tags, e.Notes, e.Runs.Count,
            e.Runs.Count(r => r.Status == RunStatus.Queued), e.Runs.Count(r => r.Status == RunStatus.Running),
            e.Runs.Count(r => r.Status == RunStatus.Completed), e.Runs.Count(r => r.Status == RunStatus.Failed))
        {
            ModelName = db.Models.Where(m => m.Id == e.ModelId || m.StoredFolder == e.Model || (m.StoredFolder == null && m.Name == e.Model))
                .OrderBy(m => m.Id == e.ModelId ? 0 : 1).Select(m => m.Name).FirstOrDefault(),
            TrashedAt = e.TrashedAt, TrashedBy = e.TrashedBy,
        }).ToDictionaryAsync(e => e.Id, cancellationToken);
        var best = allDistances ?? await BestIdealDistanceQuery.ForExperimentsAsync(db, ids, cancellationToken);
        return new ExperimentPage([.. ids.Where(summaries.ContainsKey).Select(id => summaries[id] with { BestIdealDistance = best.GetValueOrDefault(id) })], total);
    }

    public async Task<ExperimentDetail?> GetExperimentAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var e = await db.Experiments.AsNoTracking().Include(x => x.Runs).Include(x => x.Seeds).SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (e is null) return null;
        var seeds = e.Seeds.OrderBy(s => s.Seed).ToList();
        return new ExperimentDetail(
            e.Id, e.Name, e.SftDatasetId, e.PreferenceDatasetId, e.Model, e.ReferenceChoice, e.IdealSft, e.IdealDpo, e.SpecJson,
            e.CreatedBy, e.CreatedAt, e.Tags, e.Notes, [.. e.Runs.OrderBy(r => r.Id).Select(RunSummary.From)],
            await ReportingIdealQuery.ForExperimentAsync(db, e.Id, cancellationToken: cancellationToken))
        {
            SeedIdeals = await SeedIdealsAsync(db, e.Id, seeds, cancellationToken),
            TrashedAt = e.TrashedAt,
            Interpolation = [.. seeds.Where(s => s.InterpolationJson is not null)
                .SelectMany(s => JsonSerializer.Deserialize<List<InterpolationPoint>>(s.InterpolationJson!, Experiments.ExperimentCommands.Json) ?? [])],
        };
    }

    private static async Task<IReadOnlyList<SeedIdeal>> SeedIdealsAsync(AppDbContext db, int experimentId, IReadOnlyList<ExperimentSeed> seeds, CancellationToken cancellationToken)
    {
        var ideals = new List<SeedIdeal>();
        foreach (var s in seeds)
        {
            ideals.Add(new SeedIdeal(s.Seed, s.IdealSft, s.IdealDpo, s.ReferenceRunId,
                await ReportingIdealQuery.ForExperimentAsync(db, experimentId, s.Seed, cancellationToken)));
        }

        return ideals;
    }

    public async Task<RunSummary?> GetRunAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return run is null ? null : RunSummary.From(WithNewestCheckpoint(run));
    }

    /// <summary>The run's last checkpoint folder relative to the data directory, or null.</summary>
    public async Task<string?> CheckpointPathAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        return run is null ? null : WithNewestCheckpoint(run).LastCheckpointPath;
    }

    private const string LikeEscape = "\\";

    private static string LikeEscaped(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    // The store learns of checkpoints when a run ends; while it trains they are only on disk (complete ones: a
    // checkpoint is renamed into place once written), so a running run's newest is read from its folder.
    private Run WithNewestCheckpoint(Run run)
    {
        if (run.Status != RunStatus.Running || trainer.LatestCheckpoint(run.Id) is not { } newest || newest.Step <= (run.LastCheckpointStep ?? -1)) return run;
        run.LastCheckpointPath = newest.Path;
        run.LastCheckpointStep = newest.Step;
        return run;
    }

    /// <summary>The metric names a run has reported.</summary>
    public async Task<IReadOnlyList<string>> MetricNamesAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.MetricPoints.Where(m => m.RunId == runId).Select(m => m.Name).Distinct().OrderBy(n => n).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Curves of one run in step order; all names when <paramref name="names"/> is empty. With
    /// <paramref name="maxPoints"/>, each curve is thinned by <see cref="SeriesDownsampler"/> (first, last and extremes kept).
    /// </summary>
    public async Task<IReadOnlyList<MetricSeries>> GetMetricsAsync(int runId, IReadOnlyCollection<string>? names = null, int? maxPoints = null, CancellationToken cancellationToken = default)
    {
        var result = new List<MetricSeries>();
        await foreach (var series in StreamMetricsAsync([runId], names, maxPoints, cancellationToken))
        {
            result.Add(series);
        }

        return result;
    }

    /// <summary>Whether a run with this id exists (a primary-key probe).</summary>
    public async Task<bool> RunExistsAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AnyAsync(r => r.Id == runId, cancellationToken);
    }

    /// <summary>
    /// The curves of several runs by (run, name), each in step order, from one query that reads the (RunId, Name, Step, Value) index alone,
    /// one curve in memory at a time. <see cref="MetricSeries.StoredPoints"/> counts the curve before thinning.
    /// </summary>
    public async IAsyncEnumerable<MetricSeries> StreamMetricsAsync(IReadOnlyCollection<int> runIds, IReadOnlyCollection<string>? names = null,
        int? maxPoints = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken); // through EF, so the store's connection set-up (SQLite pragmas) applies
        var rows = MetricCurveRows.ReadAsync(db.Database.GetDbConnection(), runIds, names, cancellationToken);
        var curve = new CurveBuilder(maxPoints);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (curve.Starts(row.RunId, row.Name) is { } finished)
            {
                yield return finished;
            }

            curve.Add(row.Step, row.Value ?? double.NaN);
        }

        if (curve.Finish() is { } last)
        {
            yield return last;
        }
    }

    // Collects one (run, name) curve at a time from rows in (run, name, step) order.
    private sealed class CurveBuilder(int? maxPoints)
    {
        private List<long> _steps = [];
        private List<double> _values = [];
        private int _runId = -1;
        private string? _name;

        /// <summary>Switches to the curve of (run, name); answers the previous curve when this one is new.</summary>
        public MetricSeries? Starts(int runId, string name)
        {
            if (runId == _runId && name == _name) return null;
            var finished = Finish();
            (_runId, _name) = (runId, name);
            return finished;
        }

        public void Add(long step, double value)
        {
            _steps.Add(step);
            _values.Add(value);
        }

        public MetricSeries? Finish()
        {
            if (_name is null || _steps.Count == 0) return null;
            var (steps, values) = (_steps, _values);
            (_steps, _values) = ([], []);
            var stored = steps.Count;
            if (maxPoints is > 0 && steps.Count > maxPoints)
            {
                var keep = SeriesDownsampler.Keep(values, maxPoints.Value);
                steps = [.. keep.Select(i => steps[i])];
                values = [.. keep.Select(i => values[i])];
            }

            return new MetricSeries(_runId, _name, steps, values) { StoredPoints = stored };
        }
    }
}
