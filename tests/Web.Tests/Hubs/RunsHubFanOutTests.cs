using Forgetless.Training.Running;
using Forgetless.Web.Hubs;
using Forgetless.Web.Service.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RunStatus = Forgetless.Data.Entities.RunStatus;

namespace Forgetless.Web.Tests.Hubs;

/// <summary>Several outside clients on one run: each gets every batch and the final status (functional; speed is in bench/).</summary>
public sealed class RunsHubFanOutTests : IAsyncLifetime
{
    private const int Clients = 10;
    private const int Steps = 40;
    private readonly ForgetlessFactory app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Ten_clients_on_one_run_each_receive_every_batch_and_the_final_status()
    {
        var listeners = new List<Listener>();
        for (var i = 0; i < Clients; i++)
        {
            listeners.Add(await Listener.JoinAsync(Connect(), runId: 5));
        }

        var feed = app.Services.GetRequiredService<RunLiveFeed>();
        // Published from a plain thread, the way the training thread does, one batch per step plus an evaluation every 10 steps.
        await Task.Run(() =>
        {
            for (var step = 0; step < Steps; step++)
            {
                feed.Publish(new RunMetricBatch(5, [new MetricPoint(step, "loss", 1.0 / (step + 1)), new MetricPoint(step, "objective", step % 2)]));
                if (step % 10 == 0) feed.Publish(new RunMetricBatch(5, [new MetricPoint(step, "eval/sft_loss", 2.0)]));
            }

            feed.Publish(new RunMetricBatch(6, [new MetricPoint(0, "loss", 9.0)]));
            feed.Publish(new RunStatusChange(5, 2, RunStatus.Completed, null, DateTime.UtcNow));
        });

        var expectedLoss = Enumerable.Range(0, Steps).Select(s => 1.0 / (s + 1)).ToList();
        foreach (var listener in listeners)
        {
            var status = await listener.Final.Task.WaitAsync(TimeSpan.FromMinutes(2)); // long polling on a loaded 2-core machine
            var batches = await listener.WaitForAsync(Steps + Steps / 10, TimeSpan.FromMinutes(2));
            Assert.Equal(RunStatus.Completed, status.Status);
            Assert.All(batches, b => Assert.Equal(5, b.RunId));
            Assert.Equal(expectedLoss, batches.SelectMany(b => b.Points).Where(p => p.Name == "loss").OrderBy(p => p.Step).Select(p => p.Value));
            Assert.Equal([0L, 10, 20, 30], batches.SelectMany(b => b.Points).Where(p => p.Name == "eval/sft_loss").Select(p => p.Step).Order());
            Assert.All(batches, b => Assert.Equal(DateTimeKind.Utc, b.Time.Kind));
            await listener.Connection.DisposeAsync();
        }
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

    private sealed class Listener
    {
        private readonly List<RunMetricBatch> batches = [];

        private Listener(HubConnection connection) => Connection = connection;

        public HubConnection Connection { get; }

        public TaskCompletionSource<RunStatusChange> Final { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static async Task<Listener> JoinAsync(HubConnection connection, int runId)
        {
            var listener = new Listener(connection);
            connection.On<RunMetricBatch>(RunsHub.MetricsMessage, b => { lock (listener.batches) listener.batches.Add(b); });
            connection.On<RunStatusChange>(RunsHub.StatusMessage, s => listener.Final.TrySetResult(s));
            await connection.StartAsync();
            await connection.InvokeAsync(nameof(RunsHub.JoinRun), runId);
            return listener;
        }

        // Sends are fire-and-forget, so the status may overtake the last batches: wait for the count, then return what came.
        public async Task<List<RunMetricBatch>> WaitForAsync(int count, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                lock (batches)
                {
                    if (batches.Count >= count || DateTime.UtcNow > deadline) return [.. batches];
                }

                await Task.Delay(20);
            }
        }
    }
}
