namespace Forgetless.Training.Schedules;

/// <summary>
/// The optimum runs: SFT-only or DPO-only for the whole budget. Their final held-out losses estimate
/// f*_SFT and f*_DPO, the ideal point (paper §1).
/// </summary>
public sealed class SingleObjectiveSchedule(Objective objective) : ISchedule
{
    public string Name => objective == Objective.Sft ? "sft_only" : "dpo_only";

    public StepPlan Plan(long step, IObjectiveProbe probe) => StepPlan.Only(objective);

    public void Observe(StepLosses losses)
    {
    }

    public string SaveState() => "{}";

    public void RestoreState(string state)
    {
    }
}
