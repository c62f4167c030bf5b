using Bunit;
using Forgetless.Training.Running;
using Forgetless.Web.Components.Shared;
using Forgetless.Web.Components.Shared.Charting;
using Forgetless.Web.Features.ExperimentDetail;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace Forgetless.Web.Tests.Features.ExperimentDetail;

public class ExperimentChartsTests : BunitTestContext
{
    private static RunView Run(int id, string schedule, double? lambda, int seed, bool showSeed) =>
        new(id, schedule, lambda, lambda is null, "Completed", 4, null, null, "admin", 1, Seed: seed, ShowSeed: showSeed);

    // Steps 0–3 as the engine reports them: sft/loss only on SFT steps, dpo/loss only on DPO steps.
    private static ExperimentMetrics Metrics()
    {
        var metrics = new ExperimentMetrics();
        metrics.Add(1, Enumerable.Range(0, 4).Select(s => new MetricPoint(s, MetricNames.SftLoss, 3.0 - s)));
        metrics.Add(2, Enumerable.Range(0, 4).Select(s => new MetricPoint(s, MetricNames.DpoLoss, 0.69 - 0.1 * s)));
        // ALRIGHT, two seeds: steps 0 and 2 SFT, 1 and 3 DPO.
        metrics.Add(3, [new(0, MetricNames.SftLoss, 3.0), new(1, MetricNames.DpoLoss, 0.7), new(2, MetricNames.SftLoss, 2.0), new(3, MetricNames.DpoLoss, 0.6)]);
        metrics.Add(4, [new(0, MetricNames.SftLoss, 2.0), new(1, MetricNames.DpoLoss, 0.5), new(2, MetricNames.SftLoss, 1.0), new(3, MetricNames.DpoLoss, 0.4)]);
        return metrics;
    }

    private IRenderedComponent<ExperimentCharts> RenderCharts() => Render<ExperimentCharts>(p => p
        .Add(c => c.Runs, [Run(1, "sft_only", null, 1, true), Run(2, "dpo_only", null, 1, true), Run(3, "alright", 0.5, 1, true), Run(4, "alright", 0.5, 2, true)])
        .Add(c => c.Metrics, Metrics()));

    private static List<Scatter> Lines(IRenderedComponent<ExperimentCharts> charts, string id) =>
        charts.FindComponents<MultiRunLineChart>().Single(c => c.Instance.Id == id).FindComponent<PlotlyChart>().Instance.Data.Cast<Scatter>().ToList();

    [Fact]
    public void Each_objectives_training_loss_has_its_own_chart_with_only_the_steps_that_trained_it()
    {
        var charts = RenderCharts();

        var sft = Lines(charts, "chart-loss-sft");
        var dpo = Lines(charts, "chart-loss-dpo");
        Assert.DoesNotContain(sft, t => (string)t.Meta == "2");
        Assert.DoesNotContain(dpo, t => (string)t.Meta == "1");
        Assert.Equal(new object[] { 0.0, 2.0 }, sft.Single(t => (string)t.Meta == "3").X);
        Assert.Equal(new object[] { 1.0, 3.0 }, dpo.Single(t => (string)t.Meta == "3").X);
    }

    [Fact]
    public void Seeds_are_faint_lines_around_a_bold_mean_of_the_same_steps()
    {
        var charts = RenderCharts();

        var dpo = Lines(charts, "chart-loss-dpo");
        var mean = dpo.Single(t => ((string)t.Meta).StartsWith("mean:", StringComparison.Ordinal));
        Assert.Equal("ALRIGHT λ=0.5 (mean)", mean.Name);
        Assert.Equal(new object[] { 1.0, 3.0 }, mean.X);
        Assert.Equal(0.6, (double)mean.Y[0], 12); // (0.7 + 0.5) / 2, before smoothing starts to matter
        Assert.All(dpo.Where(t => t.Meta is "3" or "4"), seed => Assert.False(seed.ShowLegend));
        Assert.Contains("seed 2", dpo.Single(t => (string)t.Meta == "4").Name);
    }

    [Fact]
    public async Task A_live_point_of_the_last_seed_extends_the_mean_as_well()
    {
        var charts = RenderCharts();
        var metrics = charts.Instance.Metrics;

        // Step 4 arrives for seed 1, then for seed 2: only then is the mean at step 4 known.
        await charts.InvokeAsync(() => charts.Instance.AppendAsync(3, metrics.Add(3, [new MetricPoint(4, MetricNames.DpoLoss, 0.5)])));
        Assert.Equal(2, Lines(charts, "chart-loss-dpo").Single(t => ((string)t.Meta).StartsWith("mean:", StringComparison.Ordinal)).X.Count);
        await charts.InvokeAsync(() => charts.Instance.AppendAsync(4, metrics.Add(4, [new MetricPoint(4, MetricNames.DpoLoss, 0.3)])));

        var mean = Lines(charts, "chart-loss-dpo").Single(t => ((string)t.Meta).StartsWith("mean:", StringComparison.Ordinal));
        Assert.Equal(new object[] { 1.0, 3.0, 4.0 }, mean.X);
    }

    [Fact]
    public async Task Points_of_several_runs_drawn_together_extend_each_line_and_the_mean_of_the_seeds_they_complete()
    {
        var charts = RenderCharts();
        var metrics = charts.Instance.Metrics;

        // A second's worth of live points, drawn at once: step 4 of both seeds, step 5 of seed 1 only, and the SFT optimum's step 4.
        await charts.InvokeAsync(() => charts.Instance.AppendAsync(new Dictionary<int, IReadOnlyList<MetricPoint>>
        {
            [3] = metrics.Add(3, [new MetricPoint(4, MetricNames.DpoLoss, 0.5), new MetricPoint(5, MetricNames.DpoLoss, 0.45)]),
            [4] = metrics.Add(4, [new MetricPoint(4, MetricNames.DpoLoss, 0.3)]),
            [1] = metrics.Add(1, [new MetricPoint(4, MetricNames.SftLoss, -1.0)]),
        }));

        var dpo = Lines(charts, "chart-loss-dpo");
        Assert.Equal(new object[] { 1.0, 3.0, 4.0, 5.0 }, dpo.Single(t => (string)t.Meta == "3").X);
        Assert.Equal(new object[] { 1.0, 3.0, 4.0 }, dpo.Single(t => (string)t.Meta == "4").X);
        Assert.Equal(new object[] { 1.0, 3.0, 4.0 }, dpo.Single(t => ((string)t.Meta).StartsWith("mean:", StringComparison.Ordinal)).X);
        Assert.Equal(new object[] { 0.0, 1.0, 2.0, 3.0, 4.0 }, Lines(charts, "chart-loss-sft").Single(t => (string)t.Meta == "1").X);
    }

    [Fact]
    public void Each_seeds_bar_distance_is_measured_against_its_own_seeds_ideal_point()
    {
        var metrics = new ExperimentMetrics();
        // Final held-out points: seed 1 (f_SFT 1.0, f_DPO 0.5), seed 2 (f_SFT 2.0, f_DPO 0.3).
        metrics.Add(3, [new(4, MetricNames.EvalSftLoss, 1.0), new(4, MetricNames.EvalDpoLoss, 0.5)]);
        metrics.Add(4, [new(4, MetricNames.EvalSftLoss, 2.0), new(4, MetricNames.EvalDpoLoss, 0.3)]);
        var charts = Render<ExperimentCharts>(p => p
            .Add(c => c.Runs, [Run(3, "alright", 0.5, 1, true), Run(4, "alright", 0.5, 2, true)])
            .Add(c => c.Metrics, metrics)
            .Add(c => c.Ideal, new ChartPoint(0.1, 0.5)) // best over both seeds: (f_DPO, f_SFT)
            .Add(c => c.SeedIdeals, new Dictionary<int, ChartPoint> { [1] = new(0.2, 0.6), [2] = new(0.3, 1.0) }));

        var bar = charts.FindComponent<IdealDistanceBars>().Instance.Bars.Single();

        // Seed 1: gaps 0.4 and 0.3, distance 0.5; seed 2: gaps 1.0 and 0 (f_DPO at its f*), distance 1.0. Against the
        // experiment-wide point the mean would be (√0.41 + √2.29) / 2 = 1.077.
        Assert.Equal(0.75, bar.Distance.Mean, 12);
        Assert.Equal(2, bar.Distance.Count);
    }

    [Fact]
    public void The_trade_off_plane_draws_the_mean_of_the_seeds_evaluated_so_far_while_others_wait()
    {
        var metrics = new ExperimentMetrics();
        metrics.Add(3, [new(0, MetricNames.EvalSftLoss, 2.0), new(0, MetricNames.EvalDpoLoss, 0.7), new(5, MetricNames.EvalSftLoss, 1.0), new(5, MetricNames.EvalDpoLoss, 0.5)]);
        metrics.Add(4, [new(0, MetricNames.EvalSftLoss, 3.0), new(0, MetricNames.EvalDpoLoss, 0.6)]);
        var charts = Render<ExperimentCharts>(p => p
            .Add(c => c.Runs, [Run(3, "alright", 0.5, 1, true), Run(4, "alright", 0.5, 2, true), Run(5, "alright", 0.5, 3, true)])
            .Add(c => c.Metrics, metrics));

        var line = charts.FindComponent<TradeOffPlane>().Instance.Runs.Single();

        // Seed 3 is still queued: the mean is over seeds 1 and 2, at the steps both reached (step 0 only).
        Assert.Equal("ALRIGHT λ=0.5 (mean of 2 of 3 seeds)", line.Name);
        var point = Assert.Single(line.Trajectory);
        Assert.Equal(0.65, point.X, 12); // (0.7 + 0.6) / 2
        Assert.Equal(2.5, point.Y, 12); // (2.0 + 3.0) / 2
    }

    [Fact]
    public async Task The_planes_star_is_the_mean_of_the_seeds_own_ideal_points_and_each_seeds_own_with_single_seeds()
    {
        var metrics = new ExperimentMetrics();
        metrics.Add(3, [new(4, MetricNames.EvalSftLoss, 1.0), new(4, MetricNames.EvalDpoLoss, 0.5)]);
        metrics.Add(4, [new(4, MetricNames.EvalSftLoss, 2.0), new(4, MetricNames.EvalDpoLoss, 0.3)]);
        var charts = Render<ExperimentCharts>(p => p
            .Add(c => c.Runs, [Run(3, "alright", 0.5, 1, true), Run(4, "alright", 0.5, 2, true)])
            .Add(c => c.Metrics, metrics)
            .Add(c => c.Ideal, new ChartPoint(0.1, 0.5)) // best over both seeds, which neither seed's bar measures against
            .Add(c => c.SeedIdeals, new Dictionary<int, ChartPoint> { [1] = new(0.2, 0.6), [2] = new(0.3, 1.0) }));

        var star = Assert.Single(Stars(charts));
        Assert.Equal(0.25, (double)star.X[0], 12); // mean f*_DPO of the seeds
        Assert.Equal(0.8, (double)star.Y[0], 12); // mean f*_SFT
        Assert.Equal(Math.Sqrt(0.08), (double)star.ErrorY.Array[0], 12);
        Assert.Contains("mean of the 2 seeds", star.Name);

        await charts.InvokeAsync(() => charts.FindComponent<MudBlazor.MudSwitch<bool>>().Instance.ValueChanged.InvokeAsync(true));

        var stars = Stars(charts);
        Assert.Equal(3, stars.Count);
        Assert.Equal(new object[] { 0.2, 0.3 }, stars.Where(s => s.HoverTemplate.Contains("seed 1") || s.HoverTemplate.Contains("seed 2"))
            .Select(s => s.X[0]).ToArray());
        Assert.Single(stars, s => s.Name == "ideal point of each seed" && s.ShowLegend == true);
    }

    private static List<Scatter> Stars(IRenderedComponent<ExperimentCharts> charts) =>
        charts.FindComponent<TradeOffPlane>().FindComponent<PlotlyChart>().Instance.Data.Cast<Scatter>().Where(t => (string?)t.Meta == "ideal").ToList();

    [Fact]
    public void Without_an_ideal_point_the_distance_card_waits_for_one_unless_the_page_says_why_there_will_never_be_one()
    {
        var waiting = RenderCharts();
        var never = Render<ExperimentCharts>(p => p
            .Add(c => c.Runs, [Run(3, "alright", 0.5, 1, false)])
            .Add(c => c.Metrics, Metrics())
            .Add(c => c.NoIdealReason, Forgetless.Web.Features.Experiments.ComparePage.NoSharedIdeal));

        Assert.Contains("once the ideal point is known", waiting.Find("#chart-ideal-distance-empty").TextContent);
        Assert.Contains("different experiments", never.Find("#chart-ideal-distance-empty").TextContent);
        Assert.DoesNotContain("once the ideal point is known", never.Find("#chart-ideal-distance-empty").TextContent);
    }
}
