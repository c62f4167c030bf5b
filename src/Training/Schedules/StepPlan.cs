namespace Forgetless.Training.Schedules;

/// <summary>
/// What one optimiser step trains: the loss is <c>SftWeight·L_SFT + DpoWeight·L_DPO</c>, and an objective with
/// weight 0 is not computed. <see cref="DrawsBothBatches"/> advances both loaders even when one batch is thrown
/// away (Mix, MAXRIGHT). <see cref="FreshOptimizer"/> asks for a new AdamW state before the step (Sequential's
/// stage switch, paper §2.1 step 3).
/// </summary>
public sealed record StepPlan(double SftWeight, double DpoWeight, bool DrawsBothBatches = false, bool FreshOptimizer = false)
{
    public static StepPlan Only(Objective objective, bool drawsBothBatches = false, bool freshOptimizer = false) =>
        objective == Objective.Sft
            ? new StepPlan(1, 0, drawsBothBatches, freshOptimizer)
            : new StepPlan(0, 1, drawsBothBatches, freshOptimizer);

    public bool TrainsSft => SftWeight > 0;

    public bool TrainsDpo => DpoWeight > 0;

    /// <summary>The <c>objective</c> metric: 0 SFT, 1 DPO, 2 both.</summary>
    public int ObjectiveCode => TrainsSft && TrainsDpo ? 2 : TrainsDpo ? 1 : 0;
}
