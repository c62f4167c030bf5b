using Forgetless.Web.Components.Shared.Charting;

namespace Forgetless.Web.Features.ExperimentDetail;

/// <summary>A stable colour per run: the schedule's hue, one shade per λ in increasing order.</summary>
public static class RunColors
{
    public static IReadOnlyDictionary<int, string> Assign(IEnumerable<RunView> runs) =>
        runs.GroupBy(r => r.Schedule)
            .SelectMany(group => group.OrderBy(r => r.Lambda ?? 0).ThenBy(r => r.Id)
                .Select((run, shade) => (run.Id, Color: SchedulePalette.ColorFor(run.Schedule, shade))))
            .ToDictionary(x => x.Id, x => x.Color);
}
