using Forgetless.Data;
using Forgetless.Training.Running;
using Forgetless.Web.Hubs;
using Forgetless.Web.Service.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RunStatus = Forgetless.Data.Entities.RunStatus;

namespace Forgetless.Web.Tests.Hubs;

public abstract class RunsHubTests(StoreProvider store) : IAsyncLifetime
{
    private readonly ForgetlessFactory app = new(store: store);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [SkippableFact]
    public async Task A_client_that_joined_a_run_receives_its_metric_batches_and_status_changes_only()
    {
        var batches = new List<RunMetricBatch>();
        var statuses = new TaskCompletionSource<RunStatusChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = Connect();
        connection.On<RunMetricBatch>(RunsHub.MetricsMessage, b => { lock (batches) batches.Add(b); });
        connection.On<RunStatusChange>(RunsHub.StatusMessage, s => statuses.TrySetResult(s));
        await connection.StartAsync();
        await connection.InvokeAsync(nameof(RunsHub.JoinRun), 7);
        var feed = app.Services.GetRequiredService<RunLiveFeed>();

        feed.Publish(new RunMetricBatch(8, [new MetricPoint(1, "loss", 9.0)]));
        feed.Publish(new RunMetricBatch(7, [new MetricPoint(1, "loss", 2.5), new MetricPoint(1, "objective", 1)]));
        feed.Publish(new RunStatusChange(7, 3, RunStatus.Completed, null, DateTime.UtcNow));

        var status = await statuses.Task.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(RunStatus.Completed, status.Status);
        Assert.Equal(3, status.ExperimentId);
        lock (batches)
        {
            var batch = Assert.Single(batches);
            Assert.Equal(7, batch.RunId);
            Assert.Equal([new MetricPoint(1, "loss", 2.5), new MetricPoint(1, "objective", 1)], batch.Points);
        }
    }

    [SkippableFact]
    public async Task NaN_losses_cross_the_hub_intact()
    {
        var received = new TaskCompletionSource<RunMetricBatch>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = Connect();
        connection.On<RunMetricBatch>(RunsHub.MetricsMessage, b => received.TrySetResult(b));
        await connection.StartAsync();
        await connection.InvokeAsync(nameof(RunsHub.JoinRun), 1);

        app.Services.GetRequiredService<RunLiveFeed>().Publish(new RunMetricBatch(1, [new MetricPoint(3, "loss", double.NaN)]));

        Assert.True(double.IsNaN((await received.Task.WaitAsync(TimeSpan.FromMinutes(2))).Points[0].Value));
    }

    private HubConnection Connect() => new HubConnectionBuilder()
        .WithUrl(new Uri(app.Server.BaseAddress, RunsHub.Path), o =>
        {
            o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
            o.AccessTokenProvider = app.AdminTokenAsync; // the hub needs a signed-in caller
        })
        .AddJsonProtocol(o =>
        {
            o.PayloadSerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals;
            o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        })
        .Build();

    /// <summary>The tests above on the embedded SQLite store.</summary>
    public sealed class OnSqlite() : RunsHubTests(StoreProvider.Sqlite);

    /// <summary>The tests above on PostgreSQL (a fresh database on the test run's shared server).</summary>
    public sealed class OnPostgres() : RunsHubTests(StoreProvider.Postgres);
}
