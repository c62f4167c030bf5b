using Forgetless.Web.Components.Shared.Charting;

namespace Forgetless.Web.Tests.Components.Shared.Charting;

public class EmaSmootherTests
{
    [Fact]
    public void Weight_zero_leaves_values_as_they_are()
    {
        var points = new[] { new ChartPoint(1, 3), new ChartPoint(2, 7) };

        Assert.Equal(points, EmaSmoother.Smooth(points, 0));
    }

    [Fact]
    public void Debiased_ema_matches_values_worked_out_by_hand()
    {
        // w = 0.5, values 4, 0, 8.
        // acc1 = 0.5·0 + 0.5·4 = 2,  debias 1 − 0.5¹ = 0.5   → 4
        // acc2 = 0.5·2 + 0.5·0 = 1,  debias 1 − 0.5² = 0.75  → 1.3333…
        // acc3 = 0.5·1 + 0.5·8 = 4.5, debias 1 − 0.5³ = 0.875 → 5.142857…
        var smoother = new EmaSmoother(0.5);

        Assert.Equal(4, smoother.Next(4), 12);
        Assert.Equal(4.0 / 3, smoother.Next(0), 12);
        Assert.Equal(4.5 / 0.875, smoother.Next(8), 12);
    }

    [Fact]
    public void A_constant_line_stays_constant_at_any_weight()
    {
        var points = Enumerable.Range(1, 50).Select(i => new ChartPoint(i, 2.5)).ToList();

        Assert.All(EmaSmoother.Smooth(points, 0.99), p => Assert.Equal(2.5, p.Y, 9));
    }

    [Fact]
    public void Smoothing_point_by_point_equals_smoothing_in_one_pass()
    {
        var points = Enumerable.Range(1, 30).Select(i => new ChartPoint(i, Math.Sin(i))).ToList();
        var live = new EmaSmoother(0.8);

        var streamed = points.Select(p => live.Next(p.Y)).ToList();

        Assert.Equal(EmaSmoother.Smooth(points, 0.8).Select(p => p.Y), streamed);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    public void Weights_outside_zero_to_one_are_refused(double weight)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmaSmoother(weight));
    }
}
