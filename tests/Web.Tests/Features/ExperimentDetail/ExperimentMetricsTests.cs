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
    public void Steps_done_count_a_training_step_reported_at_index_i_as_i_plus_1_and_an_evaluation_at_s_as_s()
    {
        var metrics = new ExperimentMetrics();
        metrics.Add(1, [new MetricPoint(9, MetricNames.Objective, 0), new MetricPoint(8, MetricNames.TokensPerSecond, 300)]);
        metrics.Add(2, [new MetricPoint(9, MetricNames.Objective, 1), new MetricPoint(10, MetricNames.EvalSftLoss, 1.5)]);

        Assert.Equal(10, metrics.StepsDone(1)); // steps 0..9 trained: 10 done, as a checkpoint of that moment says "step 10"
        Assert.Equal(10, metrics.StepsDone(2)); // the evaluation after 10 steps agrees
        Assert.Equal(0, metrics.StepsDone(3));
        Assert.Empty(metrics.Get(3, "loss"));
        Assert.Equal(300, metrics.Mean(1, MetricNames.TokensPerSecond));
    }

    [Fact]
    public void Only_plotted_metrics_are_kept_and_counted_and_a_thinned_stored_curve_counts_all_its_stored_points()
    {
        var metrics = new ExperimentMetrics();
        metrics.Add(1, [new MetricPoint(0, MetricNames.Loss, 2), new MetricPoint(0, MetricNames.NumTokens, 64), new MetricPoint(0, MetricNames.LearningRate, 1e-3)]);
        metrics.AddStored(new Forgetless.Web.Service.Queries.MetricSeries(2, MetricNames.Loss, [0, 500, 999], [3.0, 9.0, 1.0]) { StoredPoints = 1_000 });

        Assert.Equal(1 + 1_000, metrics.PointsReported);
        Assert.Empty(metrics.Get(1, MetricNames.NumTokens));
        Assert.Equal([0.0, 500.0, 999.0], metrics.Get(2, MetricNames.Loss).Select(p => p.X));
    }
}
