namespace Forgetless.Training.Schedules;

/// <summary>
/// The optimum runs (and the pref-SFT reference run): one objective for the whole budget. The optimum runs' smoothed
/// training losses are MAXRIGHT's f*_SFT and f*_DPO (paper §1, §2.4).
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
