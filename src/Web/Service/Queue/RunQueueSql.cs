namespace Forgetless.Web.Service.Queue;

/// <summary>The queue's statements in each store's dialect (PostgreSQL quotes EF's mixed-case names).</summary>
internal sealed record RunQueueSql(string Prefix, string Claim, string Renew)
{
    public static readonly RunQueueSql Sqlite = new("$", """
        UPDATE Runs SET Status = 'Running', ClaimedBy = $worker, Attempt = Attempt + 1, LeaseExpiresAt = $until,
            StartedAt = COALESCE(StartedAt, $now), Error = NULL
        WHERE Id = (
            SELECT r.Id FROM Runs r JOIN Experiments e ON e.Id = r.ExperimentId
            WHERE r.Status = 'Queued' AND CASE r.Role
                WHEN 'SftOptimum' THEN 1
                WHEN 'DpoOptimum' THEN e.IdealSft IS NOT NULL
                ELSE e.IdealSft IS NOT NULL AND e.IdealDpo IS NOT NULL END
            ORDER BY r.Id LIMIT 1)
        RETURNING Id, Attempt
        """, """
        UPDATE Runs SET LeaseExpiresAt = $until WHERE Id = $id AND Attempt = $attempt AND Status = 'Running'
        """);

    public static readonly RunQueueSql Postgres = new("@", """
        UPDATE "Runs" SET "Status" = 'Running', "ClaimedBy" = @worker, "Attempt" = "Attempt" + 1, "LeaseExpiresAt" = @until,
            "StartedAt" = COALESCE("StartedAt", @now), "Error" = NULL
        WHERE "Id" = (
            SELECT r."Id" FROM "Runs" r JOIN "Experiments" e ON e."Id" = r."ExperimentId"
            WHERE r."Status" = 'Queued' AND CASE r."Role"
                WHEN 'SftOptimum' THEN TRUE
                WHEN 'DpoOptimum' THEN e."IdealSft" IS NOT NULL
                ELSE e."IdealSft" IS NOT NULL AND e."IdealDpo" IS NOT NULL END
            ORDER BY r."Id" LIMIT 1
            FOR UPDATE OF r SKIP LOCKED)
        RETURNING "Id", "Attempt"
        """, """
        UPDATE "Runs" SET "LeaseExpiresAt" = @until WHERE "Id" = @id AND "Attempt" = @attempt AND "Status" = 'Running'
        """);
}
