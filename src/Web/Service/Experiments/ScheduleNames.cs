namespace Forgetless.Web.Service.Experiments;

/// <summary>The schedules a user can compare (paper §2 and §7) and the optimum runs, named as the engine names them.</summary>
public static class ScheduleNames
{
    public const string SequentialSftDpo = "sequential_sft_dpo";
    public const string SequentialDpoSft = "sequential_dpo_sft";
    public const string Mix = "mix";
    public const string Alright = "alright";
    public const string Maxright = "maxright";
    public const string SftOnly = "sft_only";
    public const string DpoOnly = "dpo_only";
    public const string PrefSft = "pref_sft";

    /// <summary>Every schedule takes λ: the DPO probability (ALRIGHT), weight (MAXRIGHT, Mix) or DPO share of the budget (Sequential).</summary>
    public static IReadOnlyList<string> All { get; } = [SequentialSftDpo, SequentialDpoSft, Mix, Alright, Maxright];
}
