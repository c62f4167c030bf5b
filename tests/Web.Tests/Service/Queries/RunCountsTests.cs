using Forgetless.Data.Entities;
using Forgetless.Web.Service.Queries;

namespace Forgetless.Web.Tests.Service.Queries;

public sealed class RunCountsTests
{
    [Fact]
    public void Only_the_statuses_that_occur_are_said_done_first_then_running_then_queued()
    {
        var counts = RunCounts.Of([RunStatus.Queued, RunStatus.Completed, RunStatus.Running, RunStatus.Completed, RunStatus.Completed, RunStatus.Completed, RunStatus.Completed]);

        Assert.Equal("5 done · 1 running · 1 queued", counts.Describe());
    }

    [Fact]
    public void Failures_and_stops_are_named_and_an_experiment_without_runs_says_so()
    {
        Assert.Equal("1 failed · 2 cancelled · 1 interrupted",
            RunCounts.Of([RunStatus.Cancelled, RunStatus.Failed, RunStatus.Interrupted, RunStatus.Cancelled]).Describe());
        Assert.Equal("no runs", RunCounts.Of([]).Describe());
    }
}
