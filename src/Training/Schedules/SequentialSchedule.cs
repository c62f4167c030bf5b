namespace Forgetless.Training.Schedules;

/// <summary>
/// Sequential baseline (paper §2.1): <paramref name="firstStageSteps"/> steps of the first objective, then the
/// other one until the budget ends. At the switch the optimiser starts afresh, as the paper's code does by
/// running the second stage in a new process with a new Adam state. Stateless: the stage is a function of the step.
/// </summary>
public sealed class SequentialSchedule(Objective first, long firstStageSteps) : ISchedule
{
    public string Name => first == Objective.Sft ? "sequential_sft_dpo" : "sequential_dpo_sft";

    public long SwitchStep => firstStageSteps;

    public Objective StageAt(long step) => step < firstStageSteps ? first : Other(first);

    public StepPlan Plan(long step, IObjectiveProbe probe) =>
        StepPlan.Only(StageAt(step), freshOptimizer: step == firstStageSteps && step > 0);

    public void Observe(StepLosses losses)
    {
    }

    public string SaveState() => "{}";

    public void RestoreState(string state)
    {
    }

    private static Objective Other(Objective objective) =>
        objective == Objective.Sft ? Objective.Dpo : Objective.Sft;
}
