using Forgetless.Training.Schedules;

namespace Forgetless.Training.Tests.Schedules;

public class ReportingIdealTests
{
    // The SFT-only run overfits: best f_SFT 0.50 at step 100, final 0.60. The DPO-only run's held-out f_DPO climbs from
    // 0.30 at step 40 to 0.40 at the end. ALRIGHT's best f_SFT (0.48 at step 150) beats the SFT-only run's best.
    private static readonly HeldOutObservation[] Observations =
    [
        new("sft_only", 0, 2.00, 0.69), new("sft_only", 100, 0.50, 0.69), new("sft_only", 200, 0.60, 0.69),
        new("dpo_only", 0, 2.00, 0.69), new("dpo_only", 40, 2.10, 0.30), new("dpo_only", 200, 2.40, 0.40),
        new("alright-0.5", 0, 2.00, 0.69), new("alright-0.5", 150, 0.48, 0.45), new("alright-0.5", 200, 0.55, 0.35),
    ];

    [Fact]
    public void Each_f_star_is_the_lowest_held_out_value_of_any_run_at_any_step_with_its_provenance()
    {
        var ideal = ReportingIdeal.Estimate(Observations)!;

        Assert.Equal(new IdealSource(0.48, "alright-0.5", 150), ideal.Sft);
        Assert.Equal(new IdealSource(0.30, "dpo_only", 40), ideal.Dpo);
        Assert.Equal(new IdealPoint(0.48, 0.30), ideal.Point);
    }

    [Fact]
    public void A_run_that_beat_the_final_value_estimate_is_measured_against_the_minimum_and_never_gets_a_negative_gap()
    {
        // Against the old final-value estimate (0.60, 0.40) ALRIGHT's final (0.55, 0.35) had gaps −0.05, −0.05, and
        // squaring made that a distance of 0.0707. Against the minima (0.48, 0.30) its gaps are 0.07 and 0.05:
        // √(0.0049 + 0.0025) = √0.0074 ≈ 0.086023.
        var ideal = ReportingIdeal.Estimate(Observations)!.Point;

        Assert.Equal(Math.Sqrt(0.0074), ideal.DistanceTo(new ObjectiveLosses(0.55, 0.35)), 12);
        Assert.All(Observations, o => Assert.True(ideal.ReportedSftGap(o.SftLoss) >= 0 && ideal.ReportedDpoGap(o.DpoLoss) >= 0));
    }

    [Fact]
    public void Unmeasured_values_are_skipped_and_ties_keep_the_first_source()
    {
        HeldOutObservation[] observations =
        [
            new("sft_only", 0, 1.0, double.NaN), new("sft_only", 20, 0.8, double.NaN),
            new("dpo_only", 20, 0.9, 0.5), new("mix-0.5", 20, 0.8, 0.5),
        ];

        var ideal = ReportingIdeal.Estimate(observations)!;

        Assert.Equal(new IdealSource(0.8, "sft_only", 20), ideal.Sft);
        Assert.Equal(new IdealSource(0.5, "dpo_only", 20), ideal.Dpo);
    }

    [Fact]
    public void Without_a_measured_value_of_both_objectives_there_is_no_estimate()
    {
        Assert.Null(ReportingIdeal.Estimate([new HeldOutObservation("sft_only", 0, 1.0, double.NaN)]));
        Assert.Null(ReportingIdeal.Estimate([]));
    }

    [Fact]
    public void The_provenance_line_names_value_run_and_step()
    {
        Assert.Equal(
            "f*_SFT 0.48 = best held-out f_SFT, alright-0.5 at step 150; f*_DPO 0.30 = best held-out f_DPO, dpo_only at step 40",
            ReportingIdeal.Estimate(Observations)!.Describe("0.00"));
    }
}
