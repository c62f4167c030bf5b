using Forgetless.Web.Service.Queue;

namespace Forgetless.Web.Service.Training;

/// <summary>
/// Trains one claimed run to its end on the calling thread (the worker gives it a dedicated one). The engine
/// adapter implements it: it maps the stored run to the engine's specs, continues from the run's last
/// checkpoint, and streams metrics. Cancellation must stop it within one step.
/// </summary>
public interface IRunTrainer
{
    /// <summary>Every metric it stores carries <see cref="RunClaim.Attempt"/>; the store refuses them once the claim is stale.</summary>
    RunOutcome Train(RunClaim claim, CancellationToken cancellationToken);

    /// <summary>The run's newest complete checkpoint (relative to the data directory) and its step, or null.</summary>
    (string Path, long Step)? LatestCheckpoint(int runId);
}
