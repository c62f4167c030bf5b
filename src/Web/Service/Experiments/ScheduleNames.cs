namespace Forgetless.Web.Service.Experiments;

/// <summary>The schedules a user can compare (paper §2 and §7), and the optimum runs' names.</summary>
public static class ScheduleNames
{
    public const string SequentialSftDpo = "sequential-sft-dpo";
    public const string SequentialDpoSft = "sequential-dpo-sft";
    public const string Mix = "mix";
    public const string Alright = "alright";
    public const string Maxright = "maxright";
    public const string SftOnly = "sft_only";
    public const string DpoOnly = "dpo_only";

    public static IReadOnlyList<string> All { get; } = [SequentialSftDpo, SequentialDpoSft, Mix, Alright, Maxright];

    /// <summary>Whether λ changes what the schedule does (Sequential ignores it).</summary>
    public static bool UsesLambda(string schedule) => schedule is Mix or Alright or Maxright;
}
