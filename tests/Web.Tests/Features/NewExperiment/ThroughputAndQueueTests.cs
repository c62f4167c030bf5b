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
    public async Task Tokens_per_second_are_the_finished_runs_tokens_over_their_wall_time()
    {
        // Two finished tiny runs: 6,000 tokens in 100 s and 3,000 in 50 s: 9,000 / 150 = 60 tokens/s. A bench17m run does not count.
        await AddAsync("tiny", Finished(200, seconds: 100, tokens: 6_000), Finished(200, seconds: 50, tokens: 3_000));
        await AddAsync("bench17m", Finished(200, seconds: 10, tokens: 100_000));

        Assert.Equal(60, await ThroughputHistory.TokensPerSecondAsync(dbFactory, "tiny"));
        Assert.Null(await ThroughputHistory.TokensPerSecondAsync(dbFactory, "some/other/model"));
    }

    [Fact]
    public async Task The_queue_ahead_is_its_runs_remaining_steps_at_their_models_measured_speed()
    {
        // tiny: 200 steps in 100 s = 2 steps/s. Ahead: one running at step 50 of 200 (150 left) and one queued of 100: 250 steps, 125 s.
        await AddAsync("tiny", Finished(200, seconds: 100, tokens: 6_000), Waiting(RunStatus.Running, 200, done: 50), Waiting(RunStatus.Queued, 100));
        await AddAsync("never-finished", Waiting(RunStatus.Queued, 100));

        var queue = await QueueAhead.ReadAsync(dbFactory);

        Assert.Equal((1, 2, 1), (queue.Running, queue.Queued, queue.Unmeasured));
        Assert.Equal(TimeSpan.FromSeconds(125), queue.Wait);
    }

    private static (Run Run, double? Tokens) Finished(int steps, double seconds, long tokens) =>
        (new Run
        {
            Schedule = "alright", TotalSteps = steps, SpecJson = "{}", LaunchedBy = "admin", Status = RunStatus.Completed,
            StartedAt = Start, FinishedAt = Start.AddSeconds(seconds),
        }, tokens);

    private static (Run Run, double? Tokens) Waiting(RunStatus status, int steps, long done = 0) =>
        (new Run { Schedule = "alright", TotalSteps = steps, SpecJson = "{}", LaunchedBy = "admin", Status = status, LastCheckpointStep = done == 0 ? null : done }, null);

    private async Task AddAsync(string model, params (Run Run, double? Tokens)[] runs)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var experiment = new Experiment { Name = model, Model = model, ReferenceChoice = "sft_optimum", SpecJson = "{}", CreatedBy = "admin" };
        experiment.Runs.AddRange(runs.Select(r => r.Run));
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync();
        foreach (var (run, tokens) in runs.Where(r => r.Tokens is not null))
        {
            // The trainer's running total: the last point is the run's whole count.
            db.MetricPoints.Add(new MetricPoint { RunId = run.Id, Step = 1, Name = "num_tokens", Value = tokens / 2, Time = Start });
            db.MetricPoints.Add(new MetricPoint { RunId = run.Id, Step = run.TotalSteps, Name = "num_tokens", Value = tokens, Time = Start });
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
