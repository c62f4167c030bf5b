using System.Globalization;

namespace Forgetless.Training.Schedules;

/// <summary>
/// ALRIGHT(λ) (paper §2.3): each step draws one objective, DPO with probability λ and SFT otherwise, and trains
/// it on its own next batch with the unweighted loss. In expectation a step follows the gradient of
/// f_mix,λ = λ·f_DPO + (1−λ)·f_SFT. Only the chosen loader advances.
/// </summary>
public sealed class AlrightSchedule : ISchedule
{
    private readonly double _lambda;
    private readonly SeededRandom _random;

    public AlrightSchedule(double lambda, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lambda, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lambda, 1);
        _lambda = lambda;
        _random = new SeededRandom(seed);
    }

    public string Name => "alright";

    public StepPlan Plan(long step, IObjectiveProbe probe)
    {
        var objective = _random.NextDouble() < _lambda ? Objective.Dpo : Objective.Sft;
        return StepPlan.Only(objective);
    }

    public void Observe(StepLosses losses)
    {
    }

    public string SaveState() => _random.State.ToString(CultureInfo.InvariantCulture);

    public void RestoreState(string state) => _random.Restore(ulong.Parse(state, CultureInfo.InvariantCulture));
}
