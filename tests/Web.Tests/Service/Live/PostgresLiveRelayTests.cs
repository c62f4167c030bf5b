using Forgetless.Data;
using Forgetless.Data.Tests;
using Forgetless.Web.Service.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Forgetless.Web.Tests.Service.Live;

/// <summary>The relay of other processes' points, on a real PostgreSQL: what a notice names reaches this process's feed.</summary>
public sealed class PostgresLiveRelayTests
{
    [SkippableFact]
    public async Task A_batch_stored_out_of_step_order_reaches_the_feed_one_step_at_a_time_in_step_order()
    {
        await using var store = await TempStore.CreateAsync(StoreProvider.Postgres);
        int runId;
        await using (var db = store.Open())
        {
            var experiment = Samples.Experiment();
            experiment.Runs.Add(Samples.Run(Forgetless.Data.Entities.RunStatus.Running));
            db.Experiments.Add(experiment);
            await db.SaveChangesAsync();
            runId = experiment.Runs[0].Id;
        }

        var feed = new RunLiveFeed(NullLogger<RunLiveFeed>.Instance);
        var received = new List<RunMetricBatch>();
        using var subscription = feed.Subscribe(runId, batch => { lock (received) received.Add(batch); });
        var relay = new PostgresLiveRelay(store.Connection, feed, NullLogger<PostgresLiveRelay>.Instance);
        await relay.StartAsync(CancellationToken.None);
        try
        {
            await using var connection = new NpgsqlConnection(store.ConnectionString);
            await connection.OpenAsync();
            await Eventually.TrueAsync(async () => await ScalarAsync<long>(connection, """SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'""") > 0,
                TimeSpan.FromSeconds(30), () => "the relay never listened");

            // One batch whose ids run against its steps, as a hash join in the worker's insert can number them (seen in
            // ScaleOutPagesE2ETests: steps 57, 56, 55, 54, 53 under rising ids); the notice names its id range, from elsewhere.
            var (first, last) = await InsertAsync(connection, runId, [(3, "loss"), (3, "objective"), (2, "loss"), (2, "objective"), (1, "loss"), (1, "objective")]);
            await ScalarAsync<object>(connection, $"SELECT pg_notify('{StoreNotices.MetricsChannel}', 'elsewhere:{runId}:{first}:{last}')");

            await Eventually.TrueAsync(() => Task.FromResult(Count(received) == 3), TimeSpan.FromSeconds(30), () => $"{Count(received)} batches");
            lock (received)
            {
                Assert.Equal([1L, 2, 3], received.Select(b => b.Points.Select(p => p.Step).Distinct().Single()));
                Assert.All(received, b => Assert.Equal(["loss", "objective"], b.Points.Select(p => p.Name)));
                Assert.All(received, b => Assert.Equal(runId, b.RunId));
            }
        }
        finally
        {
            await relay.StopAsync(CancellationToken.None);
        }
    }

    private static int Count(List<RunMetricBatch> received)
    {
        lock (received) return received.Count;
    }

    private static async Task<(long First, long Last)> InsertAsync(NpgsqlConnection connection, int runId, (long Step, string Name)[] points)
    {
        long first = 0, last = 0;
        foreach (var (step, name) in points)
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO "MetricPoints" ("RunId", "Step", "Name", "Value", "Time") VALUES (@run, @step, @name, @value, now()) RETURNING "Id"
                """, connection);
            command.Parameters.AddWithValue("run", runId);
            command.Parameters.AddWithValue("step", step);
            command.Parameters.AddWithValue("name", name);
            command.Parameters.AddWithValue("value", step / 10.0);
            last = (long)(await command.ExecuteScalarAsync())!;
            first = first == 0 ? last : first;
        }

        return (first, last);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
