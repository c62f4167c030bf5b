namespace Forgetless.Training.Schedules;

/// <summary>The two post-training objectives of the paper (§1). The numbers are the <c>objective</c> metric's values.</summary>
public enum Objective
{
    Sft = 0,
    Dpo = 1,
}
