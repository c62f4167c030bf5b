using Bunit;
using Forgetless.Web.Components.Shared;
using Forgetless.Web.Components.Shared.Charting;
using Forgetless.Web.Features.ExperimentDetail;
using Forgetless.Training.Running;

namespace Forgetless.Web.Tests.Components.Shared;

public class CostTableTests : BunitTestContext
{
    [Fact]
    public void Each_run_shows_its_own_queue_wait_wall_time_tokens_per_second_and_peak_memory_from_its_final_metrics()
    {
        var created = new DateTime(2026, 12, 3, 4, 0, 0, DateTimeKind.Utc);
        var run = new RunView(7, "alright", 0.5, false, "Completed", 30, created.AddMinutes(5), created.AddMinutes(7), "admin", 1,
            PeakRssMb: 512, TokensPerSecond: 1234.4, CreatedAt: created);
        var metrics = new ExperimentMetrics();
        // Per-step rates that average 10,000 tokens/s: the table must not show their mean but the run's own rate.
        metrics.Add(7, Enumerable.Range(0, 30).Select(s => new MetricPoint(s, MetricNames.TokensPerSecond, 10_000)));
        metrics.Add(7, Enumerable.Range(0, 30).Select(s => new MetricPoint(s, MetricNames.Objective, 0)));

        var rows = ExperimentCosts.Rows([run], RunStyles.Assign([run]), metrics, singleSeeds: false);
        var table = Render<CostTable>(p => p.Add(c => c.Rows, rows));

        var cells = table.FindAll("tbody tr td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["ALRIGHT λ=0.5", "30", Format.Duration(TimeSpan.FromMinutes(5)), Format.Duration(TimeSpan.FromMinutes(2)), "1,234", Format.Bytes(512L * 1024 * 1024)], cells);
        Assert.Contains("Queue wait", table.Find("thead").TextContent);
        Assert.Contains("during the run", table.Find("thead").TextContent);
    }

    [Fact]
    public void A_run_still_training_has_no_run_rate_or_peak_yet_and_a_queued_run_shows_how_long_it_has_waited()
    {
        var queued = new RunView(8, "maxright", 0.5, false, "Queued", 30, null, null, "admin", 1, CreatedAt: DateTime.UtcNow.AddMinutes(-3));

        var row = ExperimentCosts.Rows([queued], RunStyles.Assign([queued]), new ExperimentMetrics(), singleSeeds: false).Single();

        Assert.Null(row.TokensPerSecond);
        Assert.Null(row.PeakMemoryBytes);
        Assert.Null(row.WallTime);
        Assert.InRange(row.QueueWait!.Value.TotalMinutes, 2.9, 10);
    }
}
