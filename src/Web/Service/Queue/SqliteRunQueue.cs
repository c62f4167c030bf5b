using Forgetless.Data;

namespace Forgetless.Web.Service.Queue;

/// <summary>
/// <see cref="IRunQueue"/> over the Runs table: a single UPDATE … RETURNING claims a run atomically. Within each seed
/// (ExperimentSeeds): the pref-SFT reference run (reference "pref_sft"), the SFT-only run once the reference exists, the
/// DPO-only run after it, the schedules once both of the seed's f* are known.
/// </summary>
public sealed class SqliteRunQueue(StoreConnection store) : IRunQueue
{
    private const string ClaimSql = """
        UPDATE Runs SET Status = 'Running', ClaimedBy = $worker, StartedAt = COALESCE(StartedAt, $now), Error = NULL
        WHERE Id = (
            SELECT r.Id FROM Runs r JOIN Experiments e ON e.Id = r.ExperimentId
                JOIN ExperimentSeeds s ON s.ExperimentId = r.ExperimentId AND s.Seed = r.Seed
            WHERE r.Status = 'Queued' AND CASE r.Role
                WHEN 'PrefSftReference' THEN 1
                WHEN 'SftOptimum' THEN e.ReferenceChoice <> 'pref_sft' OR s.ReferenceRunId IS NOT NULL
                WHEN 'DpoOptimum' THEN s.IdealSft IS NOT NULL AND (e.ReferenceChoice <> 'pref_sft' OR s.ReferenceRunId IS NOT NULL)
                ELSE s.IdealSft IS NOT NULL AND s.IdealDpo IS NOT NULL AND (e.ReferenceChoice <> 'pref_sft' OR s.ReferenceRunId IS NOT NULL) END
            ORDER BY r.Id LIMIT 1)
        RETURNING Id
        """;

    private readonly SemaphoreSlim signal = new(0);

    public Task<int?> ClaimNextAsync(string workerId, CancellationToken cancellationToken)
    {
        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = ClaimSql;
        command.Parameters.AddWithValue("$worker", workerId);
        command.Parameters.AddWithValue("$now", DateTime.UtcNow);
        var id = command.ExecuteScalar();
        return Task.FromResult(id is long value ? (int?)value : null);
    }

    public void Signal()
    {
        // At most one pending wake-up: many Signal calls while workers are busy collapse into one.
        if (signal.CurrentCount == 0) signal.Release();
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await signal.WaitAsync(timeout, cancellationToken);
}
