namespace Forgetless.Web.Service.Training;

/// <summary>The "Training" settings section.</summary>
public sealed class TrainingOptions
{
    public const string Section = "Training";

    /// <summary>
    /// Whether this process trains queued runs. False makes a UI/API-only node that leaves the shared queue to
    /// other machines (the service loop still runs and reports healthy).
    /// </summary>
    public bool ClaimRuns { get; set; } = true;

    /// <summary>
    /// Runs trained at the same time on one device. Two by default: with one torch thread per run, a 2-core machine trains
    /// the one-click comparison in 137 s instead of 182 s with its page open (docs/benchmarks.md, "One-click comparison").
    /// Set 1 for a model that fills the device's memory (the deployment files do for CUDA workers).
    /// </summary>
    public int RunsPerDevice { get; set; } = 2;

    /// <summary>"auto" (CUDA when available, else CPU), "cpu" or "cuda".</summary>
    public string Device { get; set; } = "auto";

    /// <summary>How often an idle worker looks at the queue when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Save a checkpoint every this many steps (0: only at the end); resume starts from the last one.</summary>
    public int CheckpointEvery { get; set; } = 50;

    /// <summary>This worker's name in the shared queue (<c>--name</c>); unique per process. Default: the machine name.</summary>
    public string? WorkerName { get; set; }

    /// <summary>How long a claim holds without a heartbeat; after that any process puts the run back in the queue.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a worker renews its leases and reports itself (well under <see cref="LeaseDuration"/>).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Torch intra-op threads per run; 0 keeps TorchSharp's default (the core count). One by default: the small models
    /// the service trains on CPU gain nothing from a second thread, and OpenMP threads spinning against the web server
    /// (and a browser on the same machine) slow every step (docs/benchmarks.md, "One-click comparison").
    /// </summary>
    public int ThreadsPerRun { get; set; } = 1;

    /// <summary>
    /// Activation checkpointing for every run this process trains: each layer's activations are recomputed in backward,
    /// for machines where a model's long sequences do not fit otherwise. Off by default: it costs about one more forward
    /// per step (docs/benchmarks.md, "Activation checkpointing").
    /// </summary>
    public bool RecomputeActivations { get; set; }
}
