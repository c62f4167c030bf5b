using Forgetless.Data.Entities;
using Forgetless.Web.Service.Experiments;

namespace Forgetless.Web.Tests.Service.Experiments;

public class RunPlansTests
{
    private static readonly NewExperiment Request = new()
    {
        Name = "seeds", SftDatasetId = 1, PreferenceDatasetId = 2, Schedules = [ScheduleNames.Alright, ScheduleNames.Mix], Lambdas = [0.25, 0.75],
        Hyperparameters = new Hyperparameters { Seed = 5 },
    };

    [Fact]
    public void Three_seeds_by_default_counting_up_from_the_first_seed()
    {
        Assert.Equal([5, 6, 7], RunPlans.Seeds(Request));
        Assert.Equal([5], RunPlans.Seeds(Request with { SeedCount = 1 }));
    }

    [Fact]
    public void Every_seed_gets_both_optimum_runs_and_every_schedule_at_every_lambda_with_that_seed()
    {
        var optimums = RunPlans.Seeds(Request).SelectMany(seed => RunPlans.Optimums(Request, seed)).ToList();
        var schedules = RunPlans.Seeds(Request).SelectMany(seed => RunPlans.Schedules(Request, seed)).ToList();

        Assert.Equal(6, optimums.Count);
        Assert.Equal([5, 5, 6, 6, 7, 7], optimums.Select(p => p.Hyperparameters.Seed));
        Assert.Equal([RunRole.SftOptimum, RunRole.DpoOptimum], optimums.Take(2).Select(p => p.Role));
        Assert.Equal(3 * 2 * 2, schedules.Count);
        foreach (var seed in new[] { 5, 6, 7 })
        {
            Assert.Equal(
                [(ScheduleNames.Alright, 0.25), (ScheduleNames.Alright, 0.75), (ScheduleNames.Mix, 0.25), (ScheduleNames.Mix, 0.75)],
                schedules.Where(p => p.Hyperparameters.Seed == seed).Select(p => (p.Schedule, p.Lambda!.Value)));
        }
    }
}
