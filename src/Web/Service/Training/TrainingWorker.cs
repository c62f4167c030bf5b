using System.Collections.Concurrent;
using Forgetless.Web.Service.Experiments;
using Forgetless.Web.Service.Queue;
using Forgetless.Web.Service.Workers;
using Microsoft.Extensions.Options;

namespace Forgetless.Web.Service.Training;

/// <summary>
/// The training service: takes queued runs (up to <see cref="TrainingOptions.RunsPerDevice"/> at once) and trains
/// each on its own long-running thread. A heartbeat renews the leases of the runs in flight (a run whose lease is
/// lost stops within a step) and re-queues other workers' expired runs. On shutdown the runs in flight stop within a
/// step and stay Running in the database, so the next start (or, once their lease expires, another worker) resumes
/// them from their last checkpoint exactly as after a crash.
/// </summary>
public sealed class TrainingWorker(
    IRunQueue queue, IRunTrainer trainer, RunLifecycle lifecycle, RunControl control, DeviceChoice device, WorkerRegistry registry,
    IOptions<TrainingOptions> options, ILogger<TrainingWorker> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<int, RunClaim> inFlightClaims = new();

    /// <summary>Identifies this process's claims in a shared queue; stable across restarts so recovery finds its runs.</summary>
    public string WorkerId { get; } = options.Value.WorkerName is { Length: > 0 } name ? name : Environment.MachineName;

    public bool IsRunning { get; private set; }

    /// <summary>The runs this process trains now.</summary>
    public IReadOnlyCollection<RunClaim> InFlight => [.. inFlightClaims.Values];

    /// <summary>A process that claims runs checks its device before it takes any (<see cref="DeviceUnavailableException"/>).</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.ClaimRuns) _ = device.Name;
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var claims = options.Value.ClaimRuns;
        if (claims) await lifecycle.RecoverAsync(WorkerId);
        var slots = new SemaphoreSlim(Math.Max(1, options.Value.RunsPerDevice));
        var inFlight = new List<Task>();
        IsRunning = true;
        logger.LogInformation(claims ? "Training service started as worker {Worker} on {Device}, {Slots} run(s) at a time" : "Training service started without claiming runs ({Worker})",
            WorkerId, claims ? device.Name : "-", options.Value.RunsPerDevice);
        var heartbeat = Task.Run(() => HeartbeatAsync(claims, stoppingToken), CancellationToken.None);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                var claim = claims ? await ClaimAsync(stoppingToken) : null;
                if (claim is null)
                {
                    slots.Release();
                    await queue.WaitAsync(options.Value.PollInterval, stoppingToken);
                    continue;
                }

                inFlight.RemoveAll(t => t.IsCompleted);
                inFlightClaims[claim.RunId] = claim;
                inFlight.Add(Task.Factory.StartNew(() => Train(claim, slots, stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            IsRunning = false;
            await Task.WhenAll(inFlight);
            await heartbeat;
            if (claims) await registry.StoppedAsync(WorkerId);
        }
    }

    private async Task<RunClaim?> ClaimAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await queue.ClaimNextAsync(WorkerId, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not read the run queue");
            return null;
        }
    }

    /// <summary>Renews this worker's leases (stopping a run whose claim went stale), reports the worker, re-queues expired runs.</summary>
    private async Task HeartbeatAsync(bool claims, CancellationToken stoppingToken)
    {
        var started = DateTime.UtcNow;
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval);
        do
        {
            try
            {
                foreach (var claim in inFlightClaims.Values)
                {
                    if (await queue.RenewAsync(claim, stoppingToken)) continue;
                    logger.LogWarning("Run {RunId} attempt {Attempt}: lease lost (re-queued, cancelled or taken over); stopping it here", claim.RunId, claim.Attempt);
                    control.Cancel(claim.RunId);
                }

                if (claims) await registry.HeartbeatAsync(WorkerId, device.Name, options.Value.RunsPerDevice, started, stoppingToken);
                if (await lifecycle.RequeueExpiredAsync() > 0) queue.Signal();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Heartbeat failed");
            }
        }
        while (await Wait(timer, stoppingToken));
    }

    private static async Task<bool> Wait(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task Train(RunClaim claim, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        using var cancellation = control.Register(claim.RunId, stoppingToken);
        try
        {
            if (!await lifecycle.MarkRunningAsync(claim, WorkerId, device.Name)) return;
            var outcome = TrainSafely(claim, cancellation.Token);
            if (stoppingToken.IsCancellationRequested && outcome.Status == Data.Entities.RunStatus.Cancelled)
            {
                logger.LogInformation("Run {RunId} stopped by shutdown; it resumes at the next start", claim.RunId);
                return;
            }

            await lifecycle.FinishAsync(claim, outcome);
            queue.Signal();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Bookkeeping for run {RunId} failed", claim.RunId);
        }
        finally
        {
            inFlightClaims.TryRemove(claim.RunId, out _);
            control.Unregister(claim.RunId);
            slots.Release();
        }
    }

    private RunOutcome TrainSafely(RunClaim claim, CancellationToken cancellationToken)
    {
        try
        {
            return trainer.Train(claim, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return new RunOutcome(Data.Entities.RunStatus.Cancelled);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Run {RunId} failed", claim.RunId);
            return RunOutcome.Failed(ex.Message);
        }
    }
}
