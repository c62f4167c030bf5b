using Forgetless.Data.Entities;

namespace Forgetless.Web.Service.Queries;

/// <summary>How an experiment's runs stand, said the way a list reads it: "5 done · 1 running · 1 queued".</summary>
public sealed record RunCounts(int Completed, int Running, int Queued, int Failed, int Cancelled, int Interrupted)
{
    public static RunCounts Of(IEnumerable<RunStatus> statuses)
    {
        var list = statuses.ToList();
        int Count(RunStatus status) => list.Count(s => s == status);
        return new(Count(RunStatus.Completed), Count(RunStatus.Running), Count(RunStatus.Queued), Count(RunStatus.Failed),
            Count(RunStatus.Cancelled), Count(RunStatus.Interrupted));
    }

    /// <summary>Only the statuses that occur, in the order a reader cares about; "no runs" when there are none.</summary>
    public string Describe()
    {
        var parts = new (int Count, string Word)[]
        {
            (Completed, "done"), (Running, "running"), (Queued, "queued"), (Failed, "failed"), (Cancelled, "cancelled"), (Interrupted, "interrupted"),
        }.Where(p => p.Count > 0).Select(p => $"{p.Count} {p.Word}").ToList();
        return parts.Count == 0 ? "no runs" : string.Join(" · ", parts);
    }
}
