using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Forgetless.Data;
using Forgetless.Data.Metrics;
using Forgetless.Training.Running;
using Forgetless.Web.Features.ExperimentDetail;
using Forgetless.Web.Service.Queries;
using Microsoft.Extensions.DependencyInjection;

namespace Forgetless.Web.Tests.Api;

/// <summary>GET /api/runs/{id}/metrics against a real store: the full series round-trips, thinned ones keep their shape.</summary>
public abstract class RunMetricsApiTests(StoreProvider store) : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private readonly ForgetlessFactory app = new(store: store);
    private HttpClient client = null!;
    private int runId;

    public async Task InitializeAsync()
    {
        client = await app.SignedInClientAsync();
        var sftId = (await (await client.PostAsync("/api/datasets", Uploads.Raw(Uploads.Alpaca))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var preferenceId = (await (await client.PostAsync("/api/datasets", Uploads.Raw(Uploads.Preference))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var response = await client.PostAsJsonAsync("/api/experiments", new
        {
            name = "metrics", sftDatasetId = sftId, preferenceDatasetId = preferenceId, schedules = new[] { "alright" }, lambdas = new[] { 0.5 }, seedCount = 1,
        });
        runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runs")[0].GetProperty("id").GetInt32();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task The_full_series_comes_back_exactly_as_stored_in_step_order_with_nan_and_infinities()
    {
        var stored = new List<MetricRow>();
        for (var step = 0; step < 300; step++)
        {
            stored.Add(Row(step, MetricNames.Loss, 3.0 / (step + 1)));
            stored.Add(Row(step, MetricNames.SftLoss, step == 7 ? double.NaN : step == 8 ? double.PositiveInfinity : step * 0.125));
        }

        await StoreAsync(stored);

        var curves = await client.GetFromJsonAsync<List<MetricSeries>>($"/api/runs/{runId}/metrics", Json);

        Assert.NotNull(curves);
        Assert.Equal([MetricNames.Loss, MetricNames.SftLoss], curves.Select(c => c.Name));
        foreach (var curve in curves)
        {
            var expected = stored.Where(r => r.Name == curve.Name).OrderBy(r => r.Step).ToList();
            Assert.Equal(runId, curve.RunId);
            Assert.Equal(expected.Select(r => r.Step), curve.Steps);
            Assert.Equal(expected.Select(r => r.Value), curve.Values); // NaN equals NaN here, as xUnit compares doubles
            Assert.Equal(expected.Count, curve.StoredPoints);
        }

        Assert.True(double.IsNaN(curves[1].Values[7]));
        Assert.Equal(double.PositiveInfinity, curves[1].Values[8]);
    }

    [Fact]
    public async Task A_thinned_series_keeps_the_first_and_last_points_and_the_spike_and_stays_within_max_points()
    {
        var stored = Enumerable.Range(0, 2_000).Select(step => Row(step, MetricNames.Loss, step == 1_234 ? 50.0 : step == 777 ? -4.0 : 1.0 + step % 3)).ToList();
        await StoreAsync(stored);

        var curve = (await client.GetFromJsonAsync<List<MetricSeries>>($"/api/runs/{runId}/metrics?names=loss&maxPoints=100", Json))!.Single();

        Assert.InRange(curve.Steps.Count, 3, 100);
        Assert.Equal(0, curve.Steps[0]);
        Assert.Equal(1_999, curve.Steps[^1]);
        Assert.Contains(1_234L, curve.Steps);
        Assert.Contains(777L, curve.Steps);
        Assert.Equal(curve.Steps.Order(), curve.Steps);
        Assert.All(curve.Steps.Select((step, i) => (step, i)), p => Assert.Equal(stored[(int)p.step].Value, curve.Values[p.i]));
        Assert.Equal(2_000, curve.StoredPoints);
    }

    [Fact]
    public async Task An_unknown_run_is_a_404_problem_and_a_max_points_below_two_is_a_400_problem()
    {
        var missing = await client.GetAsync("/api/runs/9999/metrics");
        var tooFew = await client.GetAsync($"/api/runs/{runId}/metrics?maxPoints=1");
        var empty = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/metrics");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, tooFew.StatusCode);
        Assert.Equal("application/problem+json", tooFew.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, empty.GetArrayLength()); // a run that has reported nothing yet: no curves, not a 404
    }

    [Fact]
    public async Task The_page_counts_the_same_points_from_the_live_feed_as_after_a_reload_even_when_curves_are_thinned()
    {
        // 1,500 steps as the trainer reports them (every step's metrics, an evaluation every 100 steps), more than a page draws per curve.
        var batches = Enumerable.Range(0, 1_500).SelectMany(step => (IEnumerable<List<MetricPoint>>)(step % 100 == 0
            ? [StepMetrics(step), [new(step, MetricNames.EvalSftLoss, 2.0 - step / 1_000.0), new(step, MetricNames.EvalDpoLoss, 0.69)]]
            : [StepMetrics(step)])).ToList();
        var live = new ExperimentMetrics();
        foreach (var batch in batches) live.Add(runId, batch);
        await StoreAsync([.. batches.SelectMany(b => b).Select(p => Row(p.Step, p.Name, p.Value))]);

        var reloaded = new ExperimentMetrics();
        await StoredMetrics.LoadAsync(app.Services.GetRequiredService<RunQueries>(), [runId], reloaded);

        Assert.Equal(live.PointsReported, reloaded.PointsReported);
        Assert.Equal(1_500 * 4 + 15 * 2, live.PointsReported); // objective, loss, tokens/s and sft/loss each step; two evaluations every 100
        Assert.InRange(reloaded.Get(runId, MetricNames.Loss).Count, 2, StoredMetrics.MaxPointsPerCurve);
        Assert.Equal(live.StepsDone(runId), reloaded.StepsDone(runId));
        Assert.Equal(1_500, reloaded.StepsDone(runId));
    }

    // What one SFT step reports (StepResult.Metrics), plotted and not.
    private static List<MetricPoint> StepMetrics(long step) =>
    [
        new(step, MetricNames.Objective, 0), new(step, MetricNames.Loss, 2.0 / (step + 1)), new(step, MetricNames.LearningRate, 1e-3),
        new(step, MetricNames.TokensPerSecond, 1_000 + step), new(step, MetricNames.NumTokens, 100 * (step + 1)),
        new(step, MetricNames.PaddingFraction, 0.1), new(step, MetricNames.SftLoss, 2.0 / (step + 1)),
    ];

    private MetricRow Row(long step, string name, double value) => new(runId, step, name, value, DateTime.UtcNow);

    private async Task StoreAsync(IReadOnlyList<MetricRow> rows)
    {
        var writer = app.Services.GetRequiredService<MetricWriter>();
        writer.Enqueue(rows);
        await writer.FlushAsync();
    }

    /// <summary>The tests above on the embedded SQLite store.</summary>
    public sealed class OnSqlite() : RunMetricsApiTests(StoreProvider.Sqlite);

    /// <summary>The tests above on PostgreSQL (a fresh database on the test run's shared server).</summary>
    public sealed class OnPostgres() : RunMetricsApiTests(StoreProvider.Postgres);
}
