using System.Text.Json;
using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Web.Features.NewExperiment;
using Forgetless.Web.Service;
using Forgetless.Web.Service.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forgetless.Web.Tests.Features.NewExperiment;

/// <summary>The launcher's measured speed and queue, read from a real SQLite store.</summary>
public sealed class ThroughputAndQueueTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "forgetless-throughput-tests", Guid.NewGuid().ToString("n"));
    private readonly ServiceProvider services;
    private readonly IDbContextFactory<AppDbContext> dbFactory;

    public ThroughputAndQueueTests()
    {
        var dataDirectory = new DataDirectory(dataDir);
        services = new ServiceCollection().AddData(StoreConnection.ForFile(dataDirectory.DatabasePath)).BuildServiceProvider();
        dbFactory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        DatabaseInitializer.MigrateAsync(dbFactory).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task The_speed_is_read_from_the_model_s_finished_runs_final_metrics_and_evaluations()
    {
        // Two finished tiny runs: 100 s wall, 60 s trained (12 s of it in 6 evaluations), 9,600 tokens; 50 s, 30 s (6 s in 3),
        // 4,800 tokens. Both 200 tokens/s of steps and 2 s per evaluation; outside the trainer 40 and 20 s: a median of 30 s.
        // A bench17m run, a failed one and one that finished before train_seconds was recorded do not count.
        await AddAsync("tiny", Finished(200, seconds: 100, train: 60, eval: 12, tokens: 9_600, evaluations: 6),
            Finished(200, seconds: 50, train: 30, eval: 6, tokens: 4_800, evaluations: 3),
            Finished(200, seconds: 1, train: null, eval: null, tokens: 9_600, evaluations: 6),
            Finished(200, seconds: 1, train: 1, eval: 0.5, tokens: 9_600, evaluations: 6, RunStatus.Failed));
        await AddAsync("bench17m", Finished(200, seconds: 10, train: 5, eval: 1, tokens: 100_000, evaluations: 2));

        Assert.Equal(new TrainingSpeed(200, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30)), await ThroughputHistory.SpeedAsync(dbFactory, "tiny"));
        Assert.Null(await ThroughputHistory.SpeedAsync(dbFactory, "some/other/model"));
    }

    [Fact]
    public async Task The_queue_ahead_is_its_runs_remaining_steps_at_their_models_measured_speed()
    {
        // tiny: 200 steps in 100 s = 2 steps/s. Ahead: one running at step 50 of 200 (150 left) and one queued of 100: 250 steps, 125 s.
        await AddAsync("tiny", Finished(200, seconds: 100, train: 60, eval: 12, tokens: 6_000, evaluations: 6), Waiting(RunStatus.Running, 200, done: 50), Waiting(RunStatus.Queued, 100));
        await AddAsync("never-finished", Waiting(RunStatus.Queued, 100));

        var queue = await QueueAhead.ReadAsync(dbFactory, TimeSpan.FromSeconds(30));

        Assert.Equal((1, 2, 1), (queue.Running, queue.Queued, queue.Unmeasured));
        Assert.Equal(TimeSpan.FromSeconds(125), queue.Wait); // no worker has reported yet: one slot
        Assert.Equal(1, queue.Slots);
    }

    [Fact]
    public async Task The_queue_ahead_is_shared_by_the_slots_of_the_workers_alive_now()
    {
        // 250 steps at 2 steps/s as above = 125 s; a worker with 2 slots alive and one with 1 slot: 125 / 3 s. A worker
        // silent for longer than the lease and a stopped one do not count.
        await AddAsync("tiny", Finished(200, seconds: 100, train: 60, eval: 12, tokens: 6_000, evaluations: 6), Waiting(RunStatus.Running, 200, done: 50), Waiting(RunStatus.Queued, 100));
        var now = DateTime.UtcNow;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            db.Workers.AddRange(
                new Worker { Name = "a", Host = "h", Device = "cpu", Slots = 2, StartedAt = now, HeartbeatAt = now },
                new Worker { Name = "b", Host = "h", Device = "cpu", Slots = 1, StartedAt = now, HeartbeatAt = now.AddSeconds(-5) },
                new Worker { Name = "lost", Host = "h", Device = "cpu", Slots = 4, StartedAt = now, HeartbeatAt = now.AddMinutes(-10) },
                new Worker { Name = "stopped", Host = "h", Device = "cpu", Slots = 4, StartedAt = now, HeartbeatAt = now, StoppedAt = now });
            await db.SaveChangesAsync();
        }

        var queue = await QueueAhead.ReadAsync(dbFactory, TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(125.0 / 3), queue.Wait);
        Assert.Equal(3, queue.Slots); // a's 2 and b's 1; the lost and the stopped worker's do not count
    }

    // A completed run with the final metrics the service records (train and eval seconds left out where null) and one
    // eval/sft_loss point per evaluation.
    private static (Run Run, int Evaluations) Finished(int steps, double seconds, double? train, double? eval, long tokens, int evaluations,
        RunStatus status = RunStatus.Completed)
    {
        var final = new Dictionary<string, double> { ["num_tokens"] = tokens };
        if (train is { } t) final["train_seconds"] = t;
        if (eval is { } e) final["eval_seconds"] = e;
        return (new Run
        {
            Schedule = "alright", TotalSteps = steps, SpecJson = "{}", LaunchedBy = "admin", Status = status,
            StartedAt = Start, FinishedAt = Start.AddSeconds(seconds), FinalMetricsJson = JsonSerializer.Serialize(final),
        }, evaluations);
    }

    private static (Run Run, int Evaluations) Waiting(RunStatus status, int steps, long done = 0) =>
        (new Run { Schedule = "alright", TotalSteps = steps, SpecJson = "{}", LaunchedBy = "admin", Status = status, LastCheckpointStep = done == 0 ? null : done }, 0);

    private async Task AddAsync(string model, params (Run Run, int Evaluations)[] runs)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var experiment = new Experiment { Name = model, Model = model, ReferenceChoice = "sft_optimum", SpecJson = "{}", CreatedBy = "admin" };
        experiment.Runs.AddRange(runs.Select(r => r.Run));
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync();
        foreach (var (run, evaluations) in runs)
        {
            db.MetricPoints.AddRange(Enumerable.Range(0, evaluations).Select(i => new MetricPoint { RunId = run.Id, Step = i * 20, Name = "eval/sft_loss", Value = 1, Time = Start }));
        }

        await db.SaveChangesAsync();
    }

    public void Dispose()
    {
        services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataDir)) Directory.Delete(dataDir, recursive: true);
    }
}
