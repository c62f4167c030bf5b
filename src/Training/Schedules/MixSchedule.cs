namespace Forgetless.Training.Schedules;

/// <summary>
/// Mix(λ) (paper §2.2): every step takes the next SFT batch and the next DPO batch and trains
/// L = (1−λ)·L_SFT + λ·L_DPO with one backward pass through both.
/// </summary>
public sealed class MixSchedule : ISchedule
{
    private readonly double _lambda;

    public MixSchedule(double lambda)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lambda, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lambda, 1);
        _lambda = lambda;
    }

    public string Name => "mix";

    public StepPlan Plan(long step, IObjectiveProbe probe) =>
        new(SftWeight: 1 - _lambda, DpoWeight: _lambda, DrawsBothBatches: true);

    public void Observe(StepLosses losses)
    {
    }

    public string SaveState() => "{}";

    public void RestoreState(string state)
    {
    }
}
