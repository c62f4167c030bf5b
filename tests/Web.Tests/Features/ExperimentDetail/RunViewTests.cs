using Forgetless.Data.Entities;
using Forgetless.Web.Features.ExperimentDetail;

namespace Forgetless.Web.Tests.Features.ExperimentDetail;

public class RunViewTests
{
    private static Run StoredRun(string? finalMetricsJson) => new()
    {
        Id = 3, ExperimentId = 1, Schedule = "maxright", Lambda = 0.5, SpecJson = "{}", LaunchedBy = "admin",
        Status = RunStatus.Completed, FinalMetricsJson = finalMetricsJson,
    };

    [Fact]
    public void Peak_memory_comes_from_the_runs_final_peak_rss_metric()
    {
        var view = RunView.From(StoredRun("""{"eval/sft_loss":0.5,"peak_rss_mb":812.5}"""));

        Assert.Equal(812.5, view.PeakRssMb);
        Assert.Equal("MAXRIGHT λ=0.5", view.Name);
    }

    [Fact]
    public void A_run_without_final_metrics_has_no_peak_memory()
    {
        Assert.Null(RunView.From(StoredRun(null)).PeakRssMb);
        Assert.Null(RunView.From(StoredRun("""{"eval/sft_loss":0.5}""")).PeakRssMb);
    }
}
