namespace Forgetless.Training.Running.Experiments;

/// <summary>
/// One schedule of an experiment and the λ values to run it at. Kinds: <c>sequential_sft_dpo</c>,
/// <c>sequential_dpo_sft</c>, <c>mix</c>, <c>alright</c>, <c>maxright</c>. For Sequential, λ is the DPO share of the
/// step budget (paper §7 pairs λ with T_DPO/(T_SFT+T_DPO)); <see cref="Split"/>, when set, overrides it with the
/// first stage's share. <see cref="K"/> is MAXRIGHT's evaluation interval: 1 (the paper's MAXRIGHT, both objectives
/// evaluated every step) unless set; larger k is the memory-saving variant.
/// </summary>
public sealed record ScheduleSpec
{
    public required string Kind { get; init; }

    public IReadOnlyList<double> Lambdas { get; init; } = [0.5];

    public int K { get; init; } = 1;

    public double? Split { get; init; }
}
