using Forgetless.Web.Components.Shared.Charting;

namespace Forgetless.Web.Features.ExperimentDetail;

/// <summary>
/// How each run is drawn on every page: its schedule's colour, a dash per λ (per experiment and λ on Compare, where
/// runs of several experiments may share schedule and λ), and faint when it is one seed of several.
/// </summary>
public static class RunStyles
{
    public static IReadOnlyDictionary<int, LineStyle> Assign(IEnumerable<RunView> runs)
    {
        var list = runs.ToList();
        var dashes = list.Where(r => r.Lambda is not null).Select(r => (r.ExperimentId, Lambda: r.Lambda!.Value)).Distinct()
            .OrderBy(k => k.ExperimentId).ThenBy(k => k.Lambda)
            .Select((key, rank) => (key, rank)).ToDictionary(x => x.key, x => x.rank);
        var groupSizes = list.GroupBy(r => r.Group).ToDictionary(g => g.Key, g => g.Count());
        return list.ToDictionary(r => r.Id, r => new LineStyle(
            SchedulePalette.ColorOf(r.Schedule),
            r.Lambda is { } lambda ? SchedulePalette.Dash(dashes[(r.ExperimentId, lambda)]) : SchedulePalette.Solid,
            Faint: groupSizes[r.Group] > 1,
            Group: r.Group));
    }

    /// <summary>The bold mean line of a group of seeds: the look of its seeds, not faint.</summary>
    public static LineStyle Mean(LineStyle seed) => seed with { Faint = false };
}
