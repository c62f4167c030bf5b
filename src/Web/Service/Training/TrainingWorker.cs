using Forgetless.Web.Service.Experiments;
using Forgetless.Web.Service.Queue;
using Microsoft.Extensions.Options;

namespace Forgetless.Web.Service.Training;

/// <summary>
/// The training service: takes queued runs (up to <see cref="TrainingOptions.RunsPerDevice"/> at once) and trains
/// each on its own long-running thread. On shutdown the runs in flight stop within a step and stay Running in the
/// database, so the next start resumes them from their last checkpoint exactly as after a crash.
/// </summary>
public sealed class TrainingWorker(
    IRunQueue queue, IRunTrainer trainer, RunLifecycle lifecycle, RunControl control, DeviceChoice device,
    IOptions<TrainingOptions> options, ILogger<TrainingWorker> logger) : BackgroundService
{
    /// <summary>Identifies this machine's claims in a shared queue; stable across restarts so recovery finds its runs.</summary>
    public static string WorkerId { get; } = Environment.MachineName;

    public bool IsRunning { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await lifecycle.RecoverAsync(WorkerId);
        var slots = new SemaphoreSlim(Math.Max(1, options.Value.RunsPerDevice));
        var inFlight = new List<Task>();
        IsRunning = true;
        logger.LogInformation("Training service started on {Device}, {Slots} run(s) at a time", device.Name, options.Value.RunsPerDevice);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                var runId = options.Value.ClaimRuns ? await ClaimAsync(stoppingToken) : null;
                if (runId is null)
                {
                    slots.Release();
                    await queue.WaitAsync(options.Value.PollInterval, stoppingToken);
                    continue;
                }

                inFlight.RemoveAll(t => t.IsCompleted);
                inFlight.Add(Task.Factory.StartNew(() => Train(runId.Value, slots, stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            IsRunning = false;
            await Task.WhenAll(inFlight);
        }
    }

    private async Task<int?> ClaimAsync(CancellationToken stoppingToken)
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

    private async Task Train(int runId, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        using var cancellation = control.Register(runId, stoppingToken);
        try
        {
            await lifecycle.MarkRunningAsync(runId, device.Name);
            var outcome = TrainSafely(runId, cancellation.Token);
            if (stoppingToken.IsCancellationRequested && outcome.Status == Data.Entities.RunStatus.Cancelled)
            {
                logger.LogInformation("Run {RunId} stopped by shutdown; it resumes at the next start", runId);
                return;
            }

            await lifecycle.FinishAsync(runId, outcome);
            queue.Signal();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Bookkeeping for run {RunId} failed", runId);
        }
        finally
        {
            control.Unregister(runId);
            slots.Release();
        }
    }

    private RunOutcome TrainSafely(int runId, CancellationToken cancellationToken)
    {
        try
        {
            return trainer.Train(runId, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return new RunOutcome(Data.Entities.RunStatus.Cancelled);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Run {RunId} failed", runId);
            return RunOutcome.Failed(ex.Message);
        }
    }
}
