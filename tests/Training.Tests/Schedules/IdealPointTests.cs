using Forgetless.Training.Schedules;

namespace Forgetless.Training.Tests.Schedules;

public class IdealPointTests
{
    [Fact]
    public void A_run_that_beats_the_estimate_on_both_objectives_is_at_distance_zero()
    {
        // The final-value estimate (0.60, 0.40) is beaten by (0.55, 0.35): gaps −0.05, −0.05. Squared they would make
        // √0.005 ≈ 0.0707 of distance; clamped at 0 they make none.
        var ideal = new IdealPoint(0.60, 0.40);

        Assert.Equal(0.0, ideal.DistanceTo(new ObjectiveLosses(0.55, 0.35)), 12);
    }

    [Fact]
    public void Beating_the_estimate_on_one_objective_leaves_only_the_other_gap()
    {
        // Gaps: f_SFT 0.55 − 0.60 = −0.05 → 0; f_DPO 0.70 − 0.40 = 0.30. Distance 0.30, not √(0.05² + 0.30²) ≈ 0.3041.
        var ideal = new IdealPoint(0.60, 0.40);

        Assert.Equal(0.30, ideal.DistanceTo(new ObjectiveLosses(0.55, 0.70)), 12);
        Assert.Equal(0.0, ideal.ReportedSftGap(0.55), 12);
        Assert.Equal(0.30, ideal.ReportedDpoGap(0.70), 12);
    }

    [Fact]
    public void Above_the_estimate_the_distance_is_the_euclidean_norm_of_the_gaps()
    {
        // Gaps 0.3 and 0.4: a 3-4-5 triangle.
        Assert.Equal(0.5, new IdealPoint(1.0, 0.5).DistanceTo(new ObjectiveLosses(1.3, 0.9)), 12);
    }

    [Fact]
    public void Maxright_still_sees_the_signed_gaps()
    {
        var ideal = new IdealPoint(0.60, 0.40);

        Assert.Equal(-0.05, ideal.SftGap(0.55), 12);
        Assert.Equal(-0.10, ideal.DpoGap(0.30), 12);
    }
}
