using Forgetless.Data.Entities;
using Forgetless.Data.Metrics;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Data.Tests.Metrics;

public sealed class MetricWriterTests
{
    [SkippableTheory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task Flushed_points_are_all_in_the_database_in_order(StoreProvider provider)
    {
        await using var store = await TempStore.CreateAsync(provider);
        var runId = await AddRunAsync(store);
        await using var writer = new MetricWriter(store.Connection);
        var time = new DateTime(2025, 5, 1, 0, 0, 0, DateTimeKind.Utc);

        for (var step = 1; step <= 300; step++)
        {
            writer.Enqueue([new(runId, step, "loss", 1.0 / step, time), new(runId, step, "objective", step % 2, time)]);
        }

        await writer.FlushAsync();

        await using var db = store.Open();
        var losses = await db.MetricPoints.Where(m => m.RunId == runId && m.Name == "loss").OrderBy(m => m.Step).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 300).Select(s => (long)s), losses.Select(m => m.Step));
        // Ids follow the order the points were reported in: the live relay of a web process reads a batch back by id.
        var byId = await db.MetricPoints.Where(m => m.RunId == runId).OrderBy(m => m.Id).Select(m => new { m.Step, m.Name }).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 300).SelectMany(s => new[] { ((long)s, "loss"), (s, "objective") }), byId.Select(p => (p.Step, p.Name)));
        Assert.Equal(1.0 / 7, losses[6].Value);
        Assert.Equal(time, losses[0].Time);
        Assert.Equal(600, await db.MetricPoints.CountAsync());
        Assert.Equal(600, writer.Written);
    }

    [SkippableTheory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task NaN_is_stored_as_null_and_infinity_as_infinity(StoreProvider provider)
    {
        await using var store = await TempStore.CreateAsync(provider);
        var runId = await AddRunAsync(store);
        await using var writer = new MetricWriter(store.Connection);

        writer.Enqueue([new(runId, 1, "loss", double.NaN, DateTime.UtcNow), new(runId, 2, "loss", double.PositiveInfinity, DateTime.UtcNow)]);
        await writer.FlushAsync();

        await using var db = store.Open();
        var values = await db.MetricPoints.OrderBy(m => m.Step).Select(m => m.Value).ToListAsync();
        Assert.Equal([null, double.PositiveInfinity], values);
    }

    [SkippableTheory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task Points_of_a_deleted_run_are_dropped_and_the_writer_keeps_working(StoreProvider provider)
    {
        await using var store = await TempStore.CreateAsync(provider);
        var runId = await AddRunAsync(store);
        await using var writer = new MetricWriter(store.Connection);

        writer.Enqueue([new(runId + 1000, 1, "loss", 1, DateTime.UtcNow)]);
        await writer.FlushAsync();
        writer.Enqueue([new(runId, 1, "loss", 1, DateTime.UtcNow)]);
        await writer.FlushAsync();

        await using var db = store.Open();
        Assert.Equal([runId], await db.MetricPoints.Select(m => m.RunId).ToListAsync());
    }

    [SkippableTheory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task Points_of_a_stale_attempt_are_refused_and_the_current_attempt_s_are_stored(StoreProvider provider)
    {
        await using var store = await TempStore.CreateAsync(provider);
        var runId = await AddRunAsync(store, RunStatus.Running, attempt: 2);
        var other = await AddRunAsync(store, RunStatus.Queued, attempt: 1);
        await using var writer = new MetricWriter(store.Connection);

        writer.Enqueue([new(runId, 5, "loss", 1, DateTime.UtcNow, Attempt: 1)]); // the worker that lost the run
        writer.Enqueue([new(runId, 5, "loss", 2, DateTime.UtcNow, Attempt: 2)]); // its successor
        writer.Enqueue([new(other, 1, "loss", 3, DateTime.UtcNow, Attempt: 1)]); // re-queued: no attempt may write
        await writer.FlushAsync();

        await using var db = store.Open();
        var stored = await db.MetricPoints.Select(m => new { m.RunId, m.Value }).ToListAsync();
        Assert.Equal([(runId, (double?)2.0)], stored.Select(m => (m.RunId, m.Value)));
        Assert.Equal(1, writer.Written);
    }

    private static async Task<int> AddRunAsync(TempStore store, RunStatus status = RunStatus.Queued, int attempt = 0)
    {
        await using var db = store.Open();
        var experiment = Samples.Experiment();
        var run = Samples.Run(status);
        run.Attempt = attempt;
        experiment.Runs.Add(run);
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync();
        return experiment.Runs[0].Id;
    }
}
