namespace Forgetless.Data.Entities;

/// <summary>
/// One training run of an experiment. Every hyperparameter is in <see cref="SpecJson"/>; the key ones are
/// also columns so lists can sort and filter without parsing JSON.
/// </summary>
public sealed class Run
{
    public int Id { get; set; }

    public int ExperimentId { get; set; }

    public Experiment? Experiment { get; set; }

    public RunRole Role { get; set; }

    /// <summary>The schedule's name, e.g. "alright", "maxright", "mix", "sequential-sft-dpo".</summary>
    public required string Schedule { get; set; }

    public double? Lambda { get; set; }

    public int? K { get; set; }

    public int Seed { get; set; }

    public int TotalSteps { get; set; }

    public required string SpecJson { get; set; }

    public RunStatus Status { get; set; }

    /// <summary>Which worker holds a Running run (machine + process), so a shared queue knows whose it is.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>How many times a worker has claimed it; every write of a claimed run carries it, and a stale one is refused.</summary>
    public int Attempt { get; set; }

    /// <summary>Until when <see cref="ClaimedBy"/> holds a Running run; renewed on its heartbeat, re-queued by anyone once past.</summary>
    public DateTime? LeaseExpiresAt { get; set; }

    public string? Device { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public string? Error { get; set; }

    /// <summary>Relative to the data directory, e.g. "checkpoints/run-12/step-200".</summary>
    public string? LastCheckpointPath { get; set; }

    public long? LastCheckpointStep { get; set; }

    /// <summary>The last value of each metric, as a JSON object name → value.</summary>
    public string? FinalMetricsJson { get; set; }

    /// <summary>The metrics <see cref="FinalMetricsJson"/> holds, or null before the run has finished.</summary>
    public static Dictionary<string, double>? FinalMetricsFrom(string? finalMetricsJson) =>
        finalMetricsJson is null ? null : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, double>>(finalMetricsJson);

    public required string LaunchedBy { get; set; }

    /// <summary>SFT examples longer than the run's max_length, counted at launch (null on runs launched before it was counted).</summary>
    public int? TruncatedSftExamples { get; set; }

    /// <summary>The SFT examples counted for <see cref="TruncatedSftExamples"/>.</summary>
    public int? SftExamples { get; set; }

    /// <summary>Preference pairs whose longer sequence exceeds the run's max_length, counted at launch.</summary>
    public int? TruncatedPreferencePairs { get; set; }

    /// <summary>The preference pairs counted for <see cref="TruncatedPreferencePairs"/>.</summary>
    public int? PreferencePairs { get; set; }

    public string Tags { get; set; } = "";

    public string Notes { get; set; } = "";
}
