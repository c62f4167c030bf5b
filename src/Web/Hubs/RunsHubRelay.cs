using Forgetless.Web.Service.Live;
using Microsoft.AspNetCore.SignalR;

namespace Forgetless.Web.Hubs;

/// <summary>Forwards the in-process live feed to the hub's groups. Sends are fire-and-forget: training never waits on a client.</summary>
public sealed class RunsHubRelay(RunLiveFeed feed, IHubContext<RunsHub> hub, ILogger<RunsHubRelay> logger) : IHostedService
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = feed.SubscribeAll(
            batch => Forget(hub.Clients.Group(RunsHub.RunGroup(batch.RunId)).SendAsync(RunsHub.MetricsMessage, batch)),
            change => Forget(hub.Clients.Groups(RunsHub.RunGroup(change.RunId), RunsHub.ExperimentGroup(change.ExperimentId))
                .SendAsync(RunsHub.StatusMessage, change)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }

    private void Forget(Task send) =>
        send.ContinueWith(t => logger.LogDebug(t.Exception, "Relaying a live message failed"), TaskContinuationOptions.OnlyOnFaulted);
}
