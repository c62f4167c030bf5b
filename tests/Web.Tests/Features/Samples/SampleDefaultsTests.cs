using Forgetless.Data.Entities;
using Forgetless.Web.Features.Samples;

namespace Forgetless.Web.Tests.Features.Samples;

public class SampleDefaultsTests
{
    private static Run Run(int id, int experimentId, string schedule, double? lambda, int seed = 1) => new()
    {
        Id = id, ExperimentId = experimentId, Schedule = schedule, Lambda = lambda, Seed = seed, SpecJson = "{}", LaunchedBy = "admin",
    };

    [Fact]
    public void Every_schedule_of_the_newest_experiment_is_selected_by_default()
    {
        // The one-click comparison: both optima and all five schedules, newest first as the page lists them.
        string[] schedules = ["sft_only", "dpo_only", "sequential_sft_dpo", "sequential_dpo_sft", "mix", "alright", "maxright"];
        var runs = schedules.Select((s, i) => Run(20 - i, 2, s, i < 2 ? null : 0.5)).Append(Run(3, 1, "alright", 0.5)).ToList();

        var chosen = SampleDefaults.Choose(runs);

        Assert.Equal(schedules.Length, chosen.Count);
        Assert.Equal(schedules.Order(), runs.Where(r => chosen.Contains(r.Id)).Select(r => r.Schedule).Order());
    }

    [Fact]
    public void A_lambda_sweep_contributes_its_run_nearest_one_half_and_its_first_seed()
    {
        var runs = new List<Run> { Run(5, 1, "alright", 0.25), Run(6, 1, "alright", 0.5, seed: 2), Run(7, 1, "alright", 0.5, seed: 1), Run(8, 1, "alright", 0.75) };

        Assert.Equal(new[] { 7 }, SampleDefaults.Choose(runs));
    }
}
