using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Web.Auth;
using Forgetless.Web.Components.Shared;
using Forgetless.Web.Features.ExperimentDetail;
using Forgetless.Web.Service.Experiments;
using Forgetless.Web.Service.Live;
using Forgetless.Web.Service.Models;
using Forgetless.Web.Service.Queries;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Forgetless.Web.Features.Runs;

/// <summary>
/// One run: facts, progress and ETA, its log of status changes, cancel/resume, exports, its curves live. Live points are
/// counted at once and drawn at most once a second (<see cref="LivePointBuffer"/>), as on the experiment page.
/// </summary>
public sealed partial class RunPage
{
    private readonly ExperimentMetrics _metrics = new();
    private readonly List<RunMetricBatch> _buffered = [];
    private readonly List<string> _log = [];
    private List<BreadcrumbItem> _crumbs = [];
    private IReadOnlyList<RunView> _views = [];
    private RunSummary? _run;
    private ExperimentCharts? _charts;
    private IDisposable? _subscription;
    private LivePointBuffer? _live;
    private bool _loaded, _notFound, _busy;
    private long _lastStep;
    private DateTime _factsLoadedAt = DateTime.UtcNow;
    private int _auditVersion;
    private IReadOnlyList<RunSetting> _settings = [];
    private string? _modelName;

    [Parameter] public int RunId { get; set; }

    [Inject] private RunQueries Queries { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ExperimentCommands Commands { get; set; } = default!;
    [Inject] private RunLiveFeed Feed { get; set; } = default!;
    [Inject] private IDbContextFactory<AppDbContext> DbFactory { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private PageGuard Guard { get; set; } = default!;
    [Inject] private ILogger<RunPage> Logger { get; set; } = default!;

    // The run's own rate once it has ended (all its tokens ÷ its training time); while it trains, the last step's.
    private double? RunTokensPerSecond => RunView.Positive(_run?.FinalMetrics, RunView.TokensPerSecondMetric);

    private bool IsActive => _run?.Status is RunStatus.Running;

    private TimeSpan? Elapsed => _run?.StartedAt is { } start ? (_run.FinishedAt ?? DateTime.UtcNow) - start : null;

    protected override async Task OnInitializedAsync()
    {
        _live = new LivePointBuffer(ExperimentDetail.ExperimentPage.LiveDrawInterval, DrawLiveAsync, LiveAsync);
        _subscription = Feed.Subscribe(RunId,
            batch => _ = LiveAsync(() => OnMetricsAsync(batch)),
            change => _ = LiveAsync(() => OnStatusAsync(change)));
        await ReloadAsync();
        if (_run is null)
        {
            _notFound = true;
            Navigation.NotFound(); // the app's not-found page, with status 404 when prerendered
            return;
        }

        await StoredMetrics.LoadAsync(Queries, [RunId], _metrics);
        foreach (var batch in _buffered)
        {
            _metrics.Add(RunId, batch.Points);
        }

        _buffered.Clear();
        _lastStep = _metrics.StepsDone(RunId);
        _loaded = true;
        _log.Add($"{Format.Clock(_run.CreatedAt)}  queued");
        if (_run.StartedAt is { } started)
        {
            _log.Add($"{Format.Clock(started)}  started{(_run.Device is { } d ? " on " + d : "")}");
        }

        if (_run.FinishedAt is { } finished)
        {
            _log.Add($"{Format.Clock(finished)}  {_run.Status.ToString().ToLowerInvariant()}");
        }
    }

    private async Task ReloadAsync()
    {
        _factsLoadedAt = DateTime.UtcNow;
        _run = await Queries.GetRunAsync(RunId);
        if (_run is null)
        {
            return;
        }

        await using var db = await DbFactory.CreateDbContextAsync();
        var experiment = await db.Experiments.AsNoTracking().Where(e => e.Id == _run.ExperimentId)
            .Select(e => new { e.Name, e.Model, e.ModelId, e.SftDatasetId, e.PreferenceDatasetId }).FirstOrDefaultAsync();
        var experimentName = experiment?.Name ?? $"Experiment {_run.ExperimentId}";
        int[] datasetIds = experiment is null ? [] : [.. new[] { experiment.SftDatasetId, experiment.PreferenceDatasetId }.OfType<int>()];
        var datasetNames = await db.Datasets.AsNoTracking().Where(d => datasetIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name);
        _modelName = experiment is null ? null : await ModelNames.DisplayAsync(db, experiment.Model, experiment.ModelId);
        _settings = RunSettings.From(_run.SpecJson, datasetNames, _modelName);
        _crumbs = [new("Experiments", "/experiments"), new(experimentName, $"/experiments/{_run.ExperimentId}"), new($"Run {RunId}", null, disabled: true)];
        _views = [new RunView(_run.Id, _run.Schedule, _run.Lambda, _run.Role != RunRole.Schedule, _run.Status.ToString(), _run.TotalSteps,
            _run.StartedAt, _run.FinishedAt, _run.LaunchedBy, _run.ExperimentId,
            PeakRssMb: _run.FinalMetrics is { } final && final.TryGetValue(RunView.PeakRssMetric, out var peak) ? peak : null)];
    }

    private async Task OnMetricsAsync(RunMetricBatch batch)
    {
        if (!_loaded)
        {
            _buffered.Add(batch);
            return;
        }

        var added = _metrics.Add(RunId, batch.Points);
        _lastStep = _metrics.StepsDone(RunId);
        if (DateTime.UtcNow - _factsLoadedAt > TimeSpan.FromSeconds(5))
        {
            await ReloadAsync(); // picks up checkpoints written since (they are on disk while the run trains)
        }

        await _live!.AddAsync(RunId, added);
    }

    private async Task DrawLiveAsync(IReadOnlyDictionary<int, IReadOnlyList<Forgetless.Training.Running.MetricPoint>> points)
    {
        if (_charts is not null)
        {
            await _charts.AppendAsync(points);
        }

        StateHasChanged();
    }

    private Task LiveAsync(Func<Task> update) => LiveUpdates.RunLoggedAsync(InvokeAsync, update, Logger, $"run {RunId}");

    private async Task OnStatusAsync(RunStatusChange change)
    {
        await _live!.DrawNowAsync(); // a run that ends shows its last points with its new status
        _log.Add($"{Format.Clock(change.Time)}  {change.Status.ToString().ToLowerInvariant()}{(change.Error is { } e ? ": " + e : "")}");
        await ReloadAsync();
        StateHasChanged();
    }

    private async Task CancelAsync() => await RunCommandAsync(Commands.CancelAsync, "cancelled", "Cancelling: the run stops within one step and keeps its last checkpoint.");

    private async Task ResumeAsync() => await RunCommandAsync(Commands.ResumeAsync, "resumed", "Queued again: it continues from its last checkpoint.");

    private async Task RunCommandAsync(Func<int, CancellationToken, Task<RunCommandOutcome>> command, string action, string done)
    {
        if (!await Guard.MayActAsync(OwnedKind.Run, RunId)) return;
        _busy = true;
        var outcome = await command(RunId, CancellationToken.None);
        if (outcome == RunCommandOutcome.Done)
        {
            await Guard.AuditRunAsync(action, RunId);
            _auditVersion++;
        }

        Snackbar.Add(outcome == RunCommandOutcome.Done ? done : $"Not possible now ({outcome}).",
            outcome == RunCommandOutcome.Done ? Severity.Info : Severity.Warning);
        await ReloadAsync();
        _busy = false;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _live?.Dispose();
    }
}
