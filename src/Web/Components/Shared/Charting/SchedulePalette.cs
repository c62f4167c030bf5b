namespace Forgetless.Web.Components.Shared.Charting;

/// <summary>
/// One colour per schedule on every page (the sequential baselines warm, the joint methods cool, the two optima
/// slate and pink so they never pass for each other, and slate reads on light and dark pages), and one dash style per λ.
/// </summary>
public static class SchedulePalette
{
    public const string Solid = "solid";

    private static readonly Dictionary<string, string> Colors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SequentialSftThenDpo"] = "#dc2626",
        ["SequentialDpoThenSft"] = "#ea580c",
        ["Mix"] = "#ca8a04",
        ["Alright"] = "#4f46e5",
        ["Maxright"] = "#0d9488",
        ["SftOnly"] = "#64748b",
        ["DpoOnly"] = "#db2777",
    };

    private const string Unknown = "#7c3aed";

    // Plotly's dash names, most distinct first.
    private static readonly string[] Dashes = [Solid, "dash", "dot", "dashdot", "longdash", "longdashdot"];

    public static string ColorOf(string schedule) => Colors.GetValueOrDefault(Normalise(schedule), Unknown);

    /// <summary>The dash style of the <paramref name="rank"/>-th λ (0 = solid).</summary>
    public static string Dash(int rank) => Dashes[Math.Abs(rank) % Dashes.Length];

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
            var s => Colors.Keys.FirstOrDefault(k => k.Equals(s, StringComparison.OrdinalIgnoreCase)) ?? s,
        };
}
