using Forgetless.Training.Schedules;

namespace Forgetless.Training.Running.Experiments;

/// <summary>
/// Where and how one run executes. <see cref="ExperimentDirectory"/> is shared by the experiment's runs (demo
/// data, reference log-prob cache); <see cref="RunDirectory"/> is the run's own (checkpoints, final weights).
/// <see cref="Ideal"/> is the ideal point once the optimum runs are done (MAXRIGHT and the gap metrics use it).
/// <see cref="ReferenceModelPath"/> is the SFT-only run's final weights when the reference is <c>sft_optimum</c>.
/// With <see cref="Resume"/>, the newest checkpoint in the run folder is continued, or exactly
/// <see cref="ResumeFrom"/> when set (the service prunes the stored points from that checkpoint on, so it must resume
/// from the same one). <see cref="MayWriteCheckpoint"/> guards every checkpoint write (the service's lease).
/// <see cref="Device"/> is a TorchSharp device name ("cpu", "cuda", "cuda:1"); the service picks CUDA when present.
/// </summary>
public sealed record RunContext(
    string ExperimentDirectory,
    string RunDirectory,
    IMetricSink Sink,
    IdealPoint? Ideal = null,
    string? ReferenceModelPath = null,
    bool Resume = true,
    TextWriter? Log = null,
    string Device = "cpu")
{
    public string? ResumeFrom { get; init; }

    public Func<bool>? MayWriteCheckpoint { get; init; }
}
