using Bunit;
using Forgetless.Data.Entities;
using Forgetless.Web.Features.Experiments;
using Forgetless.Web.Service.Experiments;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Forgetless.Web.Tests.Features.Experiments;

/// <summary>History curation on the Experiments page, over the real services and store: summary column, edit, trash and undo, restore, delete forever.</summary>
public sealed class ExperimentsPageTests : CurationPageContext
{
    private IRenderedComponent<MudPopoverProvider> popovers = null!;
    private IRenderedComponent<MudDialogProvider> dialogs = null!;
    private IRenderedComponent<MudSnackbarProvider> snackbars = null!;

    [Fact]
    public async Task Each_row_says_how_its_runs_stand_and_its_best_ideal_distance_and_sorting_by_distance_puts_the_closest_first()
    {
        SignIn("admin");
        var close = await AddComparisonAsync("close", alright: (0.50, 0.60)); // gaps 0.10 and 0.10 from the ideal (0.40, 0.50): 0.141
        var far = await AddComparisonAsync("far", alright: (0.80, 0.50));    // gap 0.40 in f_SFT only: 0.400
        await AddExperimentAsync("fresh", "admin", RunStatus.Queued);

        var page = RenderHistory();

        page.WaitForAssertion(() => Assert.Equal(3, Rows(page).Count), Patience);
        Assert.Equal(["fresh", "far", "close"], Names(page));
        var closeRow = Row(page, close.Id);
        Assert.Contains("0.141", closeRow.QuerySelector(".experiment-best")!.TextContent);
        Assert.Contains("ALRIGHT λ=0.5", closeRow.QuerySelector(".experiment-best")!.TextContent);
        Assert.Equal("3 done · 1 running", closeRow.QuerySelector(".experiment-counts")!.TextContent.Trim());
        Assert.Contains("0.400", Row(page, far.Id).QuerySelector(".experiment-best")!.TextContent);
        Assert.Contains("best distance —", Rows(page)[0].QuerySelector(".experiment-best")!.TextContent);

        await page.InvokeAsync(() => page.FindComponent<MudSelect<Forgetless.Web.Service.Queries.ExperimentSort>>().Instance
            .ValueChanged.InvokeAsync(Forgetless.Web.Service.Queries.ExperimentSort.Distance));

        page.WaitForAssertion(() => Assert.Equal(["close", "far", "fresh"], Names(page)), Patience);
    }

    [Fact]
    public async Task The_compare_button_counts_the_picked_runs_in_words()
    {
        SignIn("admin");
        await AddComparisonAsync("picked", alright: (0.50, 0.60));

        var page = RenderHistory();

        page.WaitForAssertion(() => Assert.Single(Rows(page)), Patience);
        Assert.Equal("Compare runs", page.Find("#compare-selected").TextContent.Trim());
        var boxes = page.FindComponents<MudCheckBox<bool>>();
        await page.InvokeAsync(() => boxes[0].Instance.ValueChanged.InvokeAsync(true));
        page.WaitForAssertion(() => Assert.Equal("Compare 1 run", page.Find("#compare-selected").TextContent.Trim()), Patience);
        await page.InvokeAsync(() => boxes[1].Instance.ValueChanged.InvokeAsync(true));
        page.WaitForAssertion(() => Assert.Equal("Compare 2 runs", page.Find("#compare-selected").TextContent.Trim()), Patience);
    }

    [Fact]
    public async Task Renaming_and_retagging_from_the_row_menu_saves_audits_and_shows_the_new_name()
    {
        SignIn("mia");
        var experiment = await AddExperimentAsync("draft", "mia", RunStatus.Completed);
        var page = RenderHistory();
        page.WaitForAssertion(() => Assert.Single(Rows(page)), Patience);

        await ChooseAsync(page, experiment.Id, ".action-edit");
        dialogs.WaitForElement("#edit-name", Patience).Input("Final comparison");
        dialogs.Find("#edit-tags").Input(" paper ,  ,lr ");
        dialogs.Find("#edit-save").Click();

        page.WaitForAssertion(() => Assert.Equal(["Final comparison"], Names(page)), Patience);
        Assert.Equal(["paper", "lr"], Row(page, experiment.Id).QuerySelectorAll(".experiment-tag").Select(c => c.TextContent.Trim()));
        var stored = await FindAsync(experiment.Id);
        Assert.Equal(("Final comparison", "paper, lr"), (stored!.Name, stored.Tags));
        var actions = (await Audit.QueryAsync(experimentId: experiment.Id)).Select(a => (a.Actor, a.Action)).ToList();
        Assert.Contains(("mia", "renamed"), actions);
        Assert.Contains(("mia", "tagged"), actions);
    }

    [Fact]
    public async Task Trashing_asks_first_then_hides_the_row_and_Undo_brings_it_back()
    {
        SignIn("admin");
        var experiment = await AddExperimentAsync("mistake", "admin", RunStatus.Queued);
        var page = RenderHistory();
        page.WaitForAssertion(() => Assert.Single(Rows(page)), Patience);

        await ChooseAsync(page, experiment.Id, ".action-trash");
        dialogs.WaitForAssertion(() => Assert.Contains("queued runs wait", dialogs.Markup), Patience);
        Assert.Null((await FindAsync(experiment.Id))!.TrashedAt); // nothing happens before the answer
        Button(dialogs, "Move to trash").Click();

        page.WaitForAssertion(() => Assert.Empty(Rows(page)), Patience);
        Assert.Contains("Trash (1)", page.Find("#trash-view").TextContent);
        Assert.NotNull((await FindAsync(experiment.Id))!.TrashedAt);
        snackbars.WaitForAssertion(() => Assert.Contains("Moved “mistake” to the trash.", snackbars.Markup), Patience);

        Button(snackbars, "Undo").Click();

        page.WaitForAssertion(() => Assert.Equal(["mistake"], Names(page)), Patience);
        Assert.Null((await FindAsync(experiment.Id))!.TrashedAt);
        Assert.Equal(["restored", "trashed"], (await Audit.QueryAsync(experimentId: experiment.Id)).Select(a => a.Action));
    }

    [Fact]
    public async Task An_experiment_with_a_running_run_stays_and_the_snackbar_says_to_cancel_it_first()
    {
        SignIn("admin");
        var experiment = await AddExperimentAsync("busy", "admin", RunStatus.Running);
        var page = RenderHistory();
        page.WaitForAssertion(() => Assert.Single(Rows(page)), Patience);

        await ChooseAsync(page, experiment.Id, ".action-trash");
        dialogs.WaitForAssertion(() => Button(dialogs, "Move to trash"), Patience);
        Button(dialogs, "Move to trash").Click();

        snackbars.WaitForAssertion(() => Assert.Contains(ExperimentTrash.RunningReason(experiment.Id), snackbars.Markup), Patience);
        Assert.Equal(["busy"], Names(page));
        Assert.Null((await FindAsync(experiment.Id))!.TrashedAt);
    }

    [Fact]
    public async Task The_trash_lists_trashed_experiments_to_restore_or_delete_forever()
    {
        SignIn("admin");
        var kept = await AddExperimentAsync("keep me", "admin", RunStatus.Queued);
        var doomed = await AddExperimentAsync("delete me", "admin", RunStatus.Completed);
        var trash = Services.GetService<ExperimentTrash>()!;
        await trash.TrashAsync(kept.Id, "admin");
        await trash.TrashAsync(doomed.Id, "admin");
        var page = RenderHistory();
        page.WaitForAssertion(() => Assert.Contains("Trash (2)", page.Find("#trash-view").TextContent), Patience);

        page.Find("#trash-view").Click();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".trash-row").Count), Patience);
        Assert.Contains("its queued runs wait", TrashRow(page, kept.Id).TextContent);

        TrashRow(page, kept.Id).QuerySelector(".action-restore")!.Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".trash-row")), Patience);
        Assert.Null((await FindAsync(kept.Id))!.TrashedAt);

        TrashRow(page, doomed.Id).QuerySelector(".action-delete-forever")!.Click();
        dialogs.WaitForAssertion(() => Button(dialogs, "Delete forever"), Patience);
        Button(dialogs, "Delete forever").Click();

        page.WaitForAssertion(() => Assert.Contains("The trash is empty.", page.Markup), Patience);
        Assert.Null(await FindAsync(doomed.Id));
        Assert.Contains(await Audit.QueryAsync(experimentId: doomed.Id), a => a.Action == "deleted");
    }

    [Fact]
    public async Task A_member_gets_no_menu_on_someone_else_s_experiment()
    {
        SignIn("mia");
        var theirs = await AddExperimentAsync("admin's", "admin", RunStatus.Completed);
        var mine = await AddExperimentAsync("mia's", "mia", RunStatus.Completed);

        var page = RenderHistory();

        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count), Patience);
        Assert.Empty(Row(page, theirs.Id).QuerySelectorAll(".experiment-actions"));
        Assert.Single(Row(page, mine.Id).QuerySelectorAll(".experiment-actions"));
    }

    // SFT-only and DPO-only optima put the ideal point at (f_SFT 0.40, f_DPO 0.50); the ALRIGHT run ends where given; a fourth run is running.
    private async Task<Experiment> AddComparisonAsync(string name, (double Sft, double Dpo) alright)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        var experiment = new Experiment
        {
            Name = name, Model = "tiny", ReferenceChoice = "sft_optimum", SpecJson = "{}", CreatedBy = "admin", CreatedAt = DateTime.UtcNow,
            Seeds = [new ExperimentSeed { Seed = 0, IdealSft = 1, IdealDpo = 1 }],
            Runs =
            [
                NewRun("sft_only", RunRole.SftOptimum, null, RunStatus.Completed), NewRun("dpo_only", RunRole.DpoOptimum, null, RunStatus.Completed),
                NewRun("alright", RunRole.Schedule, 0.5, RunStatus.Completed), NewRun("mix", RunRole.Schedule, 0.5, RunStatus.Running),
            ],
        };
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync();
        await AddEvaluationAsync(experiment.Runs[0].Id, 10, 0.40, 0.90);
        await AddEvaluationAsync(experiment.Runs[1].Id, 10, 0.80, 0.50);
        await AddEvaluationAsync(experiment.Runs[2].Id, 5, 0.90, 0.90); // an earlier evaluation: only the last one counts
        await AddEvaluationAsync(experiment.Runs[2].Id, 10, alright.Sft, alright.Dpo);
        return experiment;
    }

    private IRenderedComponent<ExperimentsPage> RenderHistory()
    {
        popovers = Render<MudPopoverProvider>();
        dialogs = Render<MudDialogProvider>();
        snackbars = Render<MudSnackbarProvider>();
        return Render<ExperimentsPage>();
    }

    private async Task ChooseAsync(IRenderedComponent<ExperimentsPage> page, int experimentId, string item)
    {
        Row(page, experimentId).QuerySelector(".experiment-actions button")!.Click();
        await popovers.InvokeAsync(() => { });
        popovers.WaitForElement(item, Patience).Click();
    }

    private static AngleSharp.Dom.IElement Button<T>(IRenderedComponent<T> host, string text) where T : IComponent =>
        host.FindAll("button").First(b => b.TextContent.Trim() == text);

    private static IReadOnlyList<AngleSharp.Dom.IElement> Rows(IRenderedComponent<ExperimentsPage> page) => page.FindAll(".experiment-row");

    private static List<string> Names(IRenderedComponent<ExperimentsPage> page) => [.. Rows(page).Select(r => r.QuerySelector("h6, .mud-typography-h6")!.TextContent.Trim())];

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<ExperimentsPage> page, int id) => page.Find($".experiment-row[data-experiment-id='{id}']");

    private static AngleSharp.Dom.IElement TrashRow(IRenderedComponent<ExperimentsPage> page, int id) => page.Find($".trash-row[data-experiment-id='{id}']");
}
