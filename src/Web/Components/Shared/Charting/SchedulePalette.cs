namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>
/// One hue per schedule so a comparison reads at a glance (the sequential baselines warm, the joint methods cool),
/// and one shade per λ within it.
/// </summary>
public static class SchedulePalette
{
    private static readonly Dictionary<string, string[]> Shades = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SequentialSftThenDpo"] = ["#dc2626", "#ef4444", "#b91c1c", "#f87171", "#991b1b"],
        ["SequentialDpoThenSft"] = ["#ea580c", "#f97316", "#c2410c", "#fb923c", "#9a3412"],
        ["Mix"] = ["#ca8a04", "#eab308", "#a16207", "#facc15", "#854d0e"],
        ["Alright"] = ["#4f46e5", "#6366f1", "#4338ca", "#818cf8", "#3730a3"],
        ["Maxright"] = ["#0d9488", "#14b8a6", "#0f766e", "#2dd4bf", "#115e59"],
        ["SftOnly"] = ["#64748b", "#94a3b8"],
        ["DpoOnly"] = ["#475569", "#cbd5e1"],
    };

    private static readonly string[] Fallback =
        ["#7c3aed", "#db2777", "#0284c7", "#65a30d", "#9333ea", "#0891b2", "#be123c", "#4d7c0f"];

    // Tableau 10: distinct at a glance, for runs that are not told apart by schedule.
    private static readonly string[] CategoricalColors =
        ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    public static string Categorical(int index) => CategoricalColors[Math.Abs(index) % CategoricalColors.Length];

    public static string ColorFor(string schedule, int shade)
    {
        var shades = Shades.TryGetValue(Normalise(schedule), out var known) ? known : Fallback;
        return shades[Math.Abs(shade) % shades.Length];
    }

    /// <summary>The schedule's display name as the paper writes it.</summary>
    public static string DisplayName(string schedule) => Normalise(schedule) switch
    {
        "SequentialSftThenDpo" => "Sequential SFT→DPO",
        "SequentialDpoThenSft" => "Sequential DPO→SFT",
        "Mix" => "Mix",
        "Alright" => "ALRIGHT",
        "Maxright" => "MAXRIGHT",
        "SftOnly" => "SFT only (optimum)",
        "DpoOnly" => "DPO only (optimum)",
        "prefsft" => "Pref-SFT (reference)",
        _ => schedule,
    };

    private static string Normalise(string schedule) =>
        new string(schedule.Where(char.IsLetterOrDigit).ToArray()) switch
        {
            var s when s.Equals("SequentialSftDpo", StringComparison.OrdinalIgnoreCase) => "SequentialSftThenDpo",
            var s when s.Equals("SequentialDpoSft", StringComparison.OrdinalIgnoreCase) => "SequentialDpoThenSft",
            var s when s.Equals("SEQUENTIALSFTTHENDPO", StringComparison.OrdinalIgnoreCase) => "SequentialSftThenDpo",
            var s => Shades.Keys.FirstOrDefault(k => k.Equals(s, StringComparison.OrdinalIgnoreCase)) ?? s,
        };
}
