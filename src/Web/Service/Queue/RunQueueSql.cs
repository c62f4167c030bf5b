namespace Forgetless.Web.Service.Queue;

/// <summary>
/// The queue's statements in each store's dialect (PostgreSQL quotes EF's mixed-case names). Within each seed
/// (ExperimentSeeds): the pref-SFT reference run (reference "pref_sft"), the SFT-only run once the reference exists, the
/// DPO-only run after it, the schedules once both of the seed's f* are known; the lowest ready id first. Runs of a trashed
/// experiment wait. On PostgreSQL the claim holds its experiment row FOR SHARE, so a concurrent trash (which updates that
/// row, then looks for running runs) either waits and then sees the claimed run, or commits first and the claim skips it.
/// <see cref="Runnable"/> lists what the claim chooses from, in its order, from the same text.
/// </summary>
internal sealed record RunQueueSql(string Prefix, string Claim, string Renew, string Runnable)
{
    private const string SqliteRunnable = """
        SELECT r.Id FROM Runs r JOIN Experiments e ON e.Id = r.ExperimentId
            JOIN ExperimentSeeds s ON s.ExperimentId = r.ExperimentId AND s.Seed = r.Seed
        WHERE r.Status = 'Queued' AND e.TrashedAt IS NULL AND CASE r.Role
            WHEN 'PrefSftReference' THEN 1
            WHEN 'SftOptimum' THEN e.ReferenceChoice <> 'pref_sft' OR s.ReferenceRunId IS NOT NULL
            WHEN 'DpoOptimum' THEN s.IdealSft IS NOT NULL AND (e.ReferenceChoice <> 'pref_sft' OR s.ReferenceRunId IS NOT NULL)
            ELSE s.IdealSft IS NOT NULL AND s.IdealDpo IS NOT NULL AND (e.ReferenceChoice <> 'pref_sft' OR s.ReferenceRunId IS NOT NULL) END
        ORDER BY r.Id
        """;

    private const string PostgresRunnable = """
        SELECT r."Id" FROM "Runs" r JOIN "Experiments" e ON e."Id" = r."ExperimentId"
            JOIN "ExperimentSeeds" s ON s."ExperimentId" = r."ExperimentId" AND s."Seed" = r."Seed"
        WHERE r."Status" = 'Queued' AND e."TrashedAt" IS NULL AND CASE r."Role"
            WHEN 'PrefSftReference' THEN TRUE
            WHEN 'SftOptimum' THEN e."ReferenceChoice" <> 'pref_sft' OR s."ReferenceRunId" IS NOT NULL
            WHEN 'DpoOptimum' THEN s."IdealSft" IS NOT NULL AND (e."ReferenceChoice" <> 'pref_sft' OR s."ReferenceRunId" IS NOT NULL)
            ELSE s."IdealSft" IS NOT NULL AND s."IdealDpo" IS NOT NULL AND (e."ReferenceChoice" <> 'pref_sft' OR s."ReferenceRunId" IS NOT NULL) END
        ORDER BY r."Id"
        """;

    public static readonly RunQueueSql Sqlite = new("$", $"""
        UPDATE Runs SET Status = 'Running', ClaimedBy = $worker, Attempt = Attempt + 1, LeaseExpiresAt = $until,
            StartedAt = COALESCE(StartedAt, $now), Error = NULL
        WHERE Id = ({SqliteRunnable} LIMIT 1)
        RETURNING Id, Attempt
        """, """
        UPDATE Runs SET LeaseExpiresAt = $until WHERE Id = $id AND Attempt = $attempt AND Status = 'Running'
        """, SqliteRunnable);

    public static readonly RunQueueSql Postgres = new("@", $"""
        UPDATE "Runs" SET "Status" = 'Running', "ClaimedBy" = @worker, "Attempt" = "Attempt" + 1, "LeaseExpiresAt" = @until,
            "StartedAt" = COALESCE("StartedAt", @now), "Error" = NULL
        WHERE "Id" = ({PostgresRunnable} LIMIT 1
            FOR UPDATE OF r SKIP LOCKED FOR SHARE OF e)
        RETURNING "Id", "Attempt"
        """, """
        UPDATE "Runs" SET "LeaseExpiresAt" = @until WHERE "Id" = @id AND "Attempt" = @attempt AND "Status" = 'Running'
        """, PostgresRunnable);
}
