using System.Diagnostics;
using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Data.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Bench;

/// <summary>
/// Sustained metric ingestion through <see cref="MetricWriter"/> into a real SQLite file (or a real PostgreSQL server
/// started in a temporary folder, with every point fenced by its run's attempt as workers write them) while a reader
/// queries one run's curve the way the UI does. Target (issues 4 and 9): at least 20,000 points/s.
/// </summary>
public sealed class MetricIngestionBench(StoreProvider provider = StoreProvider.Sqlite) : IBenchmark
{
    private const int PointsPerStep = 12;

    public string Name => provider == StoreProvider.Sqlite ? "metric-ingestion" : "metric-ingestion-postgres";

    public IEnumerable<BenchRow> Run(BenchOptions options)
    {
        var folder = Path.Combine(Path.GetTempPath(), "forgetless-bench-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        using var server = provider == StoreProvider.Postgres ? new Forgetless.Data.Tests.PostgresServer() : null;
        try
        {
            if (server?.Unavailable is { } why)
            {
                Console.Error.WriteLine($"{Name}: skipped: {why}");
                return [];
            }

            var store = new StoreConnection(server?.CreateDatabase() ?? StoreConnection.ForFile(Path.Combine(folder, "bench.db")));
            return Measure(store, steps: options.Quick ? 2_000 : 50_000, runs: 4);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Npgsql.NpgsqlConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private List<BenchRow> Measure(StoreConnection store, int steps, int runs)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DataServiceCollectionExtensions.Configure(options, store.ConnectionString);
        using (var db = new AppDbContext(options.Options))
        {
            db.Database.Migrate();
            var experiment = new Experiment { Name = "bench", Model = "none", ReferenceChoice = "initial", SpecJson = "{}", CreatedBy = "bench" };
            experiment.Runs.AddRange(Enumerable.Range(0, runs).Select(_ => new Run { Schedule = "alright", SpecJson = "{}", LaunchedBy = "bench", Status = RunStatus.Running, Attempt = 1 }));
            db.Experiments.Add(experiment);
            db.SaveChanges();
        }

        using var stop = new CancellationTokenSource();
        var queryTimes = new List<double>();
        var reader = Task.Run(() => ReadCurves(store, queryTimes, stop.Token));
        var watch = Stopwatch.StartNew();
        var writer = new MetricWriter(store);
        Parallel.For(1, runs + 1, run => Produce(writer, run, steps));
        writer.FlushAsync().GetAwaiter().GetResult();
        writer.DisposeAsync().AsTask().GetAwaiter().GetResult();

        var seconds = watch.Elapsed.TotalSeconds;
        stop.Cancel();
        reader.GetAwaiter().GetResult();
        var total = (double)runs * steps * PointsPerStep;
        queryTimes.Sort();
        var rate = total / seconds;
        return
        [
            new(Name, $"{runs} runs x {steps} steps x {PointsPerStep} points", "sustained ingestion", Math.Round(rate), "points/s", ">= 20000", rate >= 20_000),
            new(Name, "UI curve query during ingestion", "median", Percentile(queryTimes, 0.5), "ms"),
            new(Name, "UI curve query during ingestion", "p95", Percentile(queryTimes, 0.95), "ms"),
        ];
    }

    private static void Produce(MetricWriter writer, int run, int steps)
    {
        for (var step = 1; step <= steps; step++)
        {
            var now = DateTime.UtcNow;
            var points = new MetricRow[PointsPerStep];
            for (var i = 0; i < PointsPerStep; i++)
            {
                points[i] = new MetricRow(run, step, MetricNames[i], 1.0 / step + i, now, Attempt: 1);
            }

            writer.Enqueue(points);
        }
    }

    // The UI reads one run's loss curve, downsampled to at most ~1,000 points by step stride.
    private static void ReadCurves(StoreConnection store, List<double> times, CancellationToken stop)
    {
        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = store.IsPostgres
            ? "SELECT \"Step\", \"Value\" FROM \"MetricPoints\" WHERE \"RunId\" = 1 AND \"Name\" = 'loss' AND \"Step\" % (1 + (SELECT COUNT(*) FROM \"MetricPoints\" WHERE \"RunId\" = 1 AND \"Name\" = 'loss') / 1000) = 0 ORDER BY \"Step\""
            : "SELECT Step, Value FROM MetricPoints WHERE RunId = 1 AND Name = 'loss' AND Step % (1 + (SELECT COUNT(*) FROM MetricPoints WHERE RunId = 1 AND Name = 'loss') / 1000) = 0 ORDER BY Step";
        while (!stop.IsCancellationRequested)
        {
            var watch = Stopwatch.StartNew();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                }
            }

            times.Add(watch.Elapsed.TotalMilliseconds);
            Thread.Sleep(50);
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))], 2);

    private static readonly string[] MetricNames =
    [
        "loss", "learning_rate", "num_tokens", "objective", "sft/loss", "dpo/loss", "tokens_per_second",
        "rewards/chosen", "rewards/rejected", "rewards/margins", "rewards/accuracies", "ideal_distance",
    ];
}
