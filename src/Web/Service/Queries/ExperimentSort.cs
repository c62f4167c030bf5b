namespace Forgetless.Web.Service.Queries;

/// <summary>How the history is ordered.</summary>
public enum ExperimentSort
{
    Newest,
    Oldest,
    Name,

    /// <summary>Best ideal distance first; experiments without one (nothing evaluated yet) last, newest first.</summary>
    Distance,
}

/// <summary>The one ordering of <see cref="ExperimentSort"/>, for the Experiments page and the API alike.</summary>
public static class ExperimentOrder
{
    // Ids grow with creation time, and unlike two CreatedAt values they never tie.
    public static IReadOnlyList<T> Sort<T>(IEnumerable<T> items, ExperimentSort sort, Func<T, int> id, Func<T, string> name, Func<T, double?> distance) => sort switch
    {
        ExperimentSort.Oldest => [.. items.OrderBy(id)],
        ExperimentSort.Name => [.. items.OrderBy(name, StringComparer.CurrentCultureIgnoreCase).ThenByDescending(id)],
        ExperimentSort.Distance => [.. items.OrderBy(e => distance(e) is null).ThenBy(e => distance(e) ?? 0).ThenByDescending(id)],
        _ => [.. items.OrderByDescending(id)],
    };
}
