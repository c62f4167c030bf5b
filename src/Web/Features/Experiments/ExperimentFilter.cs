using Forgetless.Data.Entities;

namespace Forgetless.Web.Features.Experiments;

/// <summary>The history's free-text search: every word must appear in the name, tags, notes, author, model or a schedule.</summary>
public static class ExperimentFilter
{
    public static bool Matches(Experiment experiment, string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return true;
        }

        var haystack = string.Join(' ', [experiment.Name, experiment.Tags, experiment.Notes, experiment.CreatedBy, experiment.Model,
            .. experiment.Runs.Select(r => r.Schedule), .. experiment.Runs.Select(r => r.Tags)]);
        return search.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .All(word => haystack.Contains(word, StringComparison.OrdinalIgnoreCase));
    }
}
