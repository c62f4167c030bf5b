using Bunit;
using Forgetless.Data.Entities;
using Forgetless.Training.Running;
using Forgetless.Web.Features.Home;
using Forgetless.Web.Service.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forgetless.Web.Tests.Features.Home;

/// <summary>Home's activity for a signed-in user, over a real store and the live feed.</summary>
public sealed class ActivityPanelTests : CurationPageContext
{
    [Fact]
    public async Task Recent_experiments_come_newest_first_with_their_run_counts_and_the_trash_left_out()
    {
        SignIn("mia");
        await AddExperimentAsync("older", "admin", RunStatus.Completed, RunStatus.Completed);
        var newer = await AddExperimentAsync("newer", "mia", RunStatus.Completed, RunStatus.Running, RunStatus.Queued);
        var trashed = await AddExperimentAsync("binned", "mia", RunStatus.Queued);
        await TrashAsync(trashed.Id);

        var panel = Render<ActivityPanel>(p => p.Add(x => x.User, "mia"));

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll(".home-recent-row").Count), Patience);
        var rows = panel.FindAll(".home-recent-row");
        Assert.Equal(["newer", "older"], rows.Select(r => r.QuerySelector("b")!.TextContent));
        Assert.Contains("1 done · 1 running · 1 queued", rows[0].TextContent);
        Assert.Contains("2 done", rows[1].TextContent);
        Assert.Equal($"/experiments/{newer.Id}", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.DoesNotContain("binned", panel.Markup);
    }

    [Fact]
    public async Task Running_and_queued_runs_show_their_progress_and_worker_and_the_user_can_continue_their_newest_experiment()
    {
        SignIn("mia");
        var experiment = await AddExperimentAsync("mine", "mia", RunStatus.Queued, RunStatus.Running);
        var running = experiment.Runs.Single(r => r.Status == RunStatus.Running);
        await AddObjectiveAsync(running.Id, step: 3); // the fourth step's objective: 4 steps done

        var panel = Render<ActivityPanel>(p => p.Add(x => x.User, "mia"));

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("#home-active-table tbody tr").Count), Patience);
        var rows = panel.FindAll("#home-active-table tbody tr");
        Assert.Equal(["Running", "Queued"], rows.Select(r => r.GetAttribute("data-status")));
        Assert.Contains("step 4 / 10", rows[0].TextContent);
        Assert.Contains("gpu-box-1", rows[0].TextContent);
        Assert.Contains("queued", rows[1].TextContent);
        Assert.Equal($"/runs/{running.Id}", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal($"/experiments/{experiment.Id}", rows[0].QuerySelectorAll("a")[1].GetAttribute("href"));
        var resume = panel.Find("#home-continue");
        Assert.Contains("Open “mine”", resume.TextContent);
        Assert.Contains($"Open run #{running.Id}", resume.TextContent);
    }

    [Fact]
    public async Task A_runs_progress_counts_its_stored_evaluations_by_the_experiment_pages_rule()
    {
        SignIn("mia");
        var experiment = await AddExperimentAsync("evaluated", "mia", RunStatus.Running);
        var run = experiment.Runs[0];
        await AddObjectiveAsync(run.Id, step: 3); // four steps' objectives stored so far…
        await AddEvaluationAsync(run.Id, step: 6, sftLoss: 1.2, dpoLoss: 0.6); // …and the evaluation after step 6, ahead of them

        var panel = Render<ActivityPanel>(p => p.Add(x => x.User, "mia"));

        panel.WaitForAssertion(() => Assert.Contains("step 6 / 10", panel.Find("#home-active-table").TextContent), Patience);
        var page = new Forgetless.Web.Features.ExperimentDetail.ExperimentMetrics(); // what the experiment page makes of the same points
        page.Add(run.Id, [new(3, MetricNames.Objective, 1.0), new(6, MetricNames.EvalSftLoss, 1.2), new(6, MetricNames.EvalDpoLoss, 0.6)]);
        Assert.Equal(6, page.StepsDone(run.Id));
    }

    [Fact]
    public async Task A_step_reported_live_moves_the_progress_without_a_reload()
    {
        SignIn("admin");
        var experiment = await AddExperimentAsync("live", "admin", RunStatus.Running);
        var run = experiment.Runs[0];
        var panel = Render<ActivityPanel>(p => p.Add(x => x.User, "admin"));
        panel.WaitForAssertion(() => Assert.Contains("step 0 / 10", panel.Find("#home-active-table").TextContent), Patience);

        Services.GetRequiredService<RunLiveFeed>().Publish(new RunMetricBatch(run.Id, [new Forgetless.Training.Running.MetricPoint(6, MetricNames.Objective, 0.5)]));

        panel.WaitForAssertion(() => Assert.Contains("step 7 / 10", panel.Find("#home-active-table").TextContent), Patience);
    }

    [Fact]
    public void With_nothing_yet_each_part_says_what_to_do_next()
    {
        SignIn("vic");

        var panel = Render<ActivityPanel>(p => p.Add(x => x.User, "vic"));

        panel.WaitForAssertion(() => Assert.Contains("No experiments yet", panel.Find("#home-recent-empty").TextContent), Patience);
        Assert.Equal("/experiments/new", panel.Find("#home-recent-empty a").GetAttribute("href"));
        Assert.Contains("Nothing is training or waiting", panel.Find("#home-active-empty").TextContent);
        Assert.Empty(panel.FindAll("#home-continue"));
    }

    private async Task TrashAsync(int experimentId)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        await db.Experiments.Where(e => e.Id == experimentId).ExecuteUpdateAsync(s => s.SetProperty(e => e.TrashedAt, DateTime.UtcNow));
    }

    private async Task AddObjectiveAsync(int runId, long step)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        db.MetricPoints.Add(new Forgetless.Data.Entities.MetricPoint { RunId = runId, Step = step, Name = MetricNames.Objective, Value = 1.0, Time = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }
}
