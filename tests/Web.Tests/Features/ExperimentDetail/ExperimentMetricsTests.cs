using Forgetless.Training.Running;
using Forgetless.Web.Components.Shared.Charting;
using Forgetless.Web.Features.ExperimentDetail;

namespace Forgetless.Web.Tests.Features.ExperimentDetail;

public class ExperimentMetricsTests
{
    [Fact]
    public void Points_already_held_from_the_store_are_not_added_twice_from_the_live_feed()
    {
        var metrics = new ExperimentMetrics();
        metrics.Add(1, [new MetricPoint(1, "loss", 2.0), new MetricPoint(2, "loss", 1.5)]);

        var added = metrics.Add(1, [new MetricPoint(2, "loss", 1.5), new MetricPoint(3, "loss", 1.2)]);

        Assert.Equal([new MetricPoint(3, "loss", 1.2)], added);
        Assert.Equal([1.0, 2.0, 3.0], metrics.Get(1, "loss").Select(p => p.X));
    }

    [Fact]
    public void The_trade_off_path_pairs_both_evaluations_of_the_same_step()
    {
        var metrics = new ExperimentMetrics();
        metrics.Add(7, [
            new MetricPoint(10, MetricNames.EvalSftLoss, 1.9), new MetricPoint(10, MetricNames.EvalDpoLoss, 0.69),
            new MetricPoint(20, MetricNames.EvalSftLoss, 1.6),
        ]);

        var path = metrics.TradeOffPath(7);

        Assert.Equal([new ChartPoint(0.69, 1.9)], path); // step 20 has no f_DPO yet
    }

    [Fact]
    public void Last_step_is_the_furthest_step_of_any_metric_and_unknown_runs_are_empty()
    {
        var metrics = new ExperimentMetrics();
        metrics.Add(1, [new MetricPoint(5, "loss", 1), new MetricPoint(8, MetricNames.TokensPerSecond, 300)]);

        Assert.Equal(8, metrics.LastStep(1));
        Assert.Equal(0, metrics.LastStep(2));
        Assert.Empty(metrics.Get(2, "loss"));
        Assert.Equal(300, metrics.Mean(1, MetricNames.TokensPerSecond));
    }
}
