using Bunit;
using Forgetless.Data.Entities;
using Forgetless.Web.Features.Runs;
using Forgetless.Web.Service.Queries;

namespace Forgetless.Web.Tests.Features.Runs;

public class RunFactsTests : BunitTestContext
{
    private static readonly RunSummary Run = new(5, 1, RunRole.Schedule, "alright", 0.5, 1, 1, 30, RunStatus.Completed, "cpu", DateTime.UtcNow,
        DateTime.UtcNow, DateTime.UtcNow, null, 30, true, null, "admin", "", "", "{}");

    [Fact]
    public void Settings_show_as_labelled_words_with_links_and_the_checkpoint_step_counts_steps_done()
    {
        var facts = Render<RunFacts>(p => p.Add(c => c.Run, Run).Add(c => c.Settings,
            [new RunSetting("SFT data", "alpaca-1k", "/datasets"), new RunSetting("Role", "comparison run")]));

        var rows = facts.FindAll("#run-hyperparameters tr");
        Assert.Equal(["SFT data", "Role"], rows.Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        Assert.Equal("/datasets", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("alpaca-1k", rows[0].QuerySelector("a")!.TextContent.Trim());
        Assert.Null(rows[1].QuerySelector("a"));
        Assert.Contains("Last checkpoint at step 30", facts.Markup.Replace("<b>", "").Replace("</b>", ""));
    }
}
