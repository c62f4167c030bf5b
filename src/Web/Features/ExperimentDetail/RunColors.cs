using Forgetless.Web.Components.Shared.Charting;

namespace Forgetless.Web.Features.ExperimentDetail;

/// <summary>
/// A stable colour per run: the schedule's hue, one shade per λ in increasing order. Runs of several experiments
/// (Compare) may share schedule and λ, so there each run gets its own categorical colour instead.
/// </summary>
public static class RunColors
{
    public static IReadOnlyDictionary<int, string> Assign(IEnumerable<RunView> runs)
    {
        var list = runs.ToList();
        if (list.Select(r => r.ExperimentId).Distinct().Count() > 1)
        {
            return list.OrderBy(r => r.Id).Select((run, i) => (run.Id, Color: SchedulePalette.Categorical(i))).ToDictionary(x => x.Id, x => x.Color);
        }

        return list.GroupBy(r => r.Schedule)
            .SelectMany(group => group.OrderBy(r => r.Lambda ?? 0).ThenBy(r => r.Id)
                .Select((run, shade) => (run.Id, Color: SchedulePalette.ColorFor(run.Schedule, shade))))
            .ToDictionary(x => x.Id, x => x.Color);
    }
}
