using System.Text.RegularExpressions;
using Bunit;
using Forgetless.Data.Entities;
using Forgetless.Web.Features.Experiments;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Forgetless.Web.Tests.Features.Experiments;

/// <summary>The compare page's word on a trashed experiment's runs, over the real trash service and store.</summary>
public sealed partial class TrashedRunsNoticeTests : CurationPageContext
{
    [Fact]
    public async Task Restore_takes_the_experiment_out_of_the_trash_and_asks_the_page_to_load_its_runs_again()
    {
        SignIn("admin");
        var experiment = await AddExperimentAsync("binned", "admin", RunStatus.Queued, RunStatus.Queued);
        await TrashAsync(experiment.Id);
        var reloads = 0;
        Render<MudSnackbarProvider>();

        var notice = Render<TrashedRunsNotice>(p => p.Add(x => x.ExperimentId, experiment.Id).Add(x => x.Name, "binned").Add(x => x.Runs, 2)
            .Add(x => x.TrashedBy, "admin").Add(x => x.CanRestore, true).Add(x => x.OnRestored, () => reloads++));
        Assert.StartsWith("2 runs of “binned” are not shown: that experiment is in the trash. Moved there by admin. Open it", Text(notice));
        var restore = notice.Find("button");
        Assert.Equal("Restore", restore.TextContent.Trim());
        await restore.ClickAsync(new());

        notice.WaitForAssertion(() => Assert.Equal(1, reloads), Patience);
        Assert.Null((await FindAsync(experiment.Id))!.TrashedAt);
    }

    [Fact]
    public void Someone_who_may_not_restore_it_gets_the_link_to_it_and_no_Restore()
    {
        SignIn("vic");

        var notice = Render<TrashedRunsNotice>(p => p.Add(x => x.ExperimentId, 7).Add(x => x.Name, "admins").Add(x => x.Runs, 1).Add(x => x.CanRestore, false));

        Assert.Equal("1 run of “admins” is not shown: that experiment is in the trash. Open it", Text(notice));
        Assert.Equal("/experiments/7", notice.Find("a").GetAttribute("href"));
        Assert.Empty(notice.FindAll("button"));
    }

    private async Task TrashAsync(int experimentId)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        await db.Experiments.Where(e => e.Id == experimentId).ExecuteUpdateAsync(s => s.SetProperty(e => e.TrashedAt, DateTime.UtcNow).SetProperty(e => e.TrashedBy, "admin"));
    }

    private static string Text(IRenderedComponent<TrashedRunsNotice> notice) => Spaces().Replace(notice.Find(".compare-trashed").TextContent, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
