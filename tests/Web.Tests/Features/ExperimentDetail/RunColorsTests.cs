using Forgetless.Web.Features.ExperimentDetail;

namespace Forgetless.Web.Tests.Features.ExperimentDetail;

public class RunColorsTests
{
    private static RunView Run(int id, string schedule, double? lambda, int experimentId, string? experimentName = null) =>
        new(id, schedule, lambda, false, "Completed", 20, null, null, "admin", experimentId, experimentName);

    [Fact]
    public void Runs_of_one_experiment_share_their_schedule_hue_and_differ_by_lambda()
    {
        var colors = RunColors.Assign([Run(1, "alright", 0.25, 7), Run(2, "alright", 0.75, 7), Run(3, "maxright", 0.5, 7)]);

        Assert.Equal("#4f46e5", colors[1]);
        Assert.Equal("#6366f1", colors[2]);
        Assert.Equal("#0d9488", colors[3]);
    }

    [Fact]
    public void Runs_of_different_experiments_with_the_same_schedule_and_lambda_get_different_colours_and_names()
    {
        var first = Run(4, "alright", 0.5, 1, "Monday");
        var second = Run(9, "alright", 0.5, 2, "Tuesday");

        var colors = RunColors.Assign([first, second]);

        Assert.NotEqual(colors[4], colors[9]);
        Assert.Equal("Monday · ALRIGHT λ=0.5", first.Name);
        Assert.Equal("Tuesday · ALRIGHT λ=0.5", second.Name);
    }
}
