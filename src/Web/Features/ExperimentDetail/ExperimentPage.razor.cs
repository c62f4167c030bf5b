using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Training.Schedules;
using Forgetless.Web.Auth;
using Forgetless.Web.Components.Shared;
using Forgetless.Web.Components.Shared.Charting;
using Forgetless.Web.Service.Experiments;
using Forgetless.Web.Service.Live;
using Forgetless.Web.Service.Models;
using Forgetless.Web.Service.Queries;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Forgetless.Web.Features.ExperimentDetail;

/// <summary>
/// The comparison, live. Subscribes to the live feed first and buffers, then loads the stored curves, then replays
/// the buffer: ExperimentMetrics drops what the store already had, so nothing is missed or drawn twice. Live points
/// are counted at once but drawn at most once a second (<see cref="LivePointBuffer"/>), and whenever a run's status changes.
/// </summary>
public sealed partial class ExperimentPage
{
    private readonly ExperimentMetrics _metrics = new();
    private readonly List<RunMetricBatch> _buffered = [];
    private readonly List<BreadcrumbItem> _crumbs = [new("Experiments", "/experiments")];
    private IReadOnlyList<RunView> _runs = [];
    private IReadOnlyList<InterpolationPoint> _interpolation = [];
    private IReadOnlyDictionary<int, ChartPoint> _seedIdeals = new Dictionary<int, ChartPoint>();
    private Experiment? _experiment;
    private ReportingIdeal? _ideal;
    private ReusedOptima? _reused;
    private ExperimentCharts? _charts;
    private IDisposable? _subscription;
    private LivePointBuffer? _live;
    private bool _loaded, _notFound, _canAct;
    private string _modelName = "";

    [Parameter] public int ExperimentId { get; set; }

    [Inject] private IDbContextFactory<AppDbContext> DbFactory { get; set; } = default!;
    [Inject] private RunLiveFeed Feed { get; set; } = default!;
    [Inject] private RunQueries Queries { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILogger<ExperimentPage> Logger { get; set; } = default!;
    [Inject] private PageGuard Guard { get; set; } = default!;
    [Inject] private ExperimentTrash Trash { get; set; } = default!;

    // The reporting ideal point (best held-out values so far), not MAXRIGHT's f* in Experiment.IdealSft/IdealDpo.
    private ChartPoint? Ideal => _ideal is { } ideal ? new ChartPoint(ideal.Dpo.Value, ideal.Sft.Value) : null;

    /// <summary>How often live points are drawn while runs train: often enough to watch, rare enough to leave the cores to training.</summary>
    internal static readonly TimeSpan LiveDrawInterval = TimeSpan.FromSeconds(1);

    protected override async Task OnInitializedAsync()
    {
        _live = new LivePointBuffer(LiveDrawInterval, DrawLiveAsync, LiveAsync);
        _subscription = Feed.SubscribeAll(
            batch => _ = LiveAsync(() => OnMetricsAsync(batch)),
            change => _ = LiveAsync(() => OnStatusAsync(change)));

        await using var db = await DbFactory.CreateDbContextAsync();
        _experiment = await db.Experiments.AsNoTracking().FirstOrDefaultAsync(e => e.Id == ExperimentId);
        if (_experiment is null)
        {
            _notFound = true;
            Navigation.NotFound(); // the app's not-found page, with status 404 when prerendered
            return;
        }

        _crumbs.Add(new BreadcrumbItem(_experiment.Name, null, disabled: true));
        _canAct = await Guard.CanActOnAsync(_experiment.CreatedBy);
        _modelName = await ModelNames.DisplayAsync(db, _experiment.Model, _experiment.ModelId);
        var runs = await db.Runs.AsNoTracking().Where(r => r.ExperimentId == ExperimentId).OrderBy(r => r.Id).ToListAsync();
        _runs = RunView.FromAll(runs);
        _reused = await ReusedOptima.ForAsync(db, _experiment, runs);
        await LoadDetailAsync();
        var runIds = runs.Select(r => r.Id).ToList();
        await StoredMetrics.LoadAsync(Queries, runIds, _metrics);
        _ideal = await ReportingIdealQuery.ForExperimentAsync(db, ExperimentId);
        _loaded = true;
        foreach (var batch in _buffered)
        {
            _metrics.Add(batch.RunId, batch.Points);
        }

        _buffered.Clear();
    }

    private async Task OnMetricsAsync(RunMetricBatch batch)
    {
        if (!_loaded)
        {
            _buffered.Add(batch);
            return;
        }

        if (_runs.All(r => r.Id != batch.RunId))
        {
            return;
        }

        await _live!.AddAsync(batch.RunId, _metrics.Add(batch.RunId, batch.Points));
    }

    // The line charts extend their lines; the derived charts (plane, bars, strip, gaps, cost) redraw whole on this render.
    private async Task DrawLiveAsync(IReadOnlyDictionary<int, IReadOnlyList<Forgetless.Training.Running.MetricPoint>> points)
    {
        if (_charts is not null)
        {
            await _charts.AppendAsync(points);
        }

        StateHasChanged();
    }

    private async Task OnStatusAsync(RunStatusChange change)
    {
        if (change.ExperimentId != ExperimentId)
        {
            return;
        }

        // A run that ends shows its last points with its new status, not up to a second later.
        await _live!.DrawNowAsync();

        // A status change may carry a finished run's evaluations (a new ideal point) or new timings: reload this experiment's rows (cheap).
        await using var db = await DbFactory.CreateDbContextAsync();
        _experiment = await db.Experiments.AsNoTracking().FirstOrDefaultAsync(e => e.Id == ExperimentId) ?? _experiment;
        _ideal = await ReportingIdealQuery.ForExperimentAsync(db, ExperimentId) ?? _ideal;
        _runs = RunView.FromAll(await db.Runs.AsNoTracking().Where(r => r.ExperimentId == ExperimentId).OrderBy(r => r.Id).ToListAsync());
        await LoadDetailAsync();
        StateHasChanged();
    }

    private Task LiveAsync(Func<Task> update) => LiveUpdates.RunLoggedAsync(InvokeAsync, update, Logger, $"experiment {ExperimentId}");

    private async Task LoadDetailAsync()
    {
        if (await Queries.GetExperimentAsync(ExperimentId) is not { } detail)
        {
            return;
        }

        _interpolation = detail.Interpolation;
        _seedIdeals = detail.SeedIdeals.Where(s => s.Ideal is not null)
            .ToDictionary(s => s.Seed, s => new ChartPoint(s.Ideal!.Dpo.Value, s.Ideal.Sft.Value));
    }

    // After a rename, tag edit, trash or its undo from the header's menu.
    private async Task ReloadExperimentAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        _experiment = await db.Experiments.AsNoTracking().FirstOrDefaultAsync(e => e.Id == ExperimentId) ?? _experiment;
        _crumbs[^1] = new BreadcrumbItem(_experiment!.Name, null, disabled: true);
    }

    private async Task RestoreAsync()
    {
        if (!await Guard.MayActAsync(OwnedKind.Experiment, ExperimentId)) return;
        await Trash.RestoreAsync(ExperimentId, (await Guard.UserAsync()).Identity?.Name ?? "unknown");
        await ReloadExperimentAsync();
    }

    private static IEnumerable<string> Tags(string tags) =>
        tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void Dispose()
    {
        _subscription?.Dispose();
        _live?.Dispose();
    }
}
