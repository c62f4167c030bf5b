using System.Text.Json;
using Forgetless.Training.Schedules;

namespace Forgetless.Training.Running.Experiments;

/// <summary>
/// RESULTS.json: the reporting ideal point (<see cref="Ideal"/>, with <see cref="IdealSources"/> saying which run and
/// step reached each f*), MAXRIGHT's f* (<see cref="ScheduleIdeal"/>, from the optimum runs' training losses) and every
/// run: the pref-SFT reference run (when the reference is <c>pref_sft</c>), the optimum runs, then the schedules; and the
/// weight-interpolation baseline. One seed's experiment: <see cref="MultiSeedResult"/> holds one per seed.
/// </summary>
public sealed record ExperimentResult
{
    public required string Name { get; init; }

    public string Reference { get; init; } = ExperimentSpec.SftOptimumReference;

    public required IdealPoint Ideal { get; init; }

    public ReportingIdeal? IdealSources { get; init; }

    public IdealPoint? ScheduleIdeal { get; init; }

    public required IReadOnlyList<RunResult> Runs { get; init; }

    /// <summary>The weight-interpolation baseline between the SFT-only and the Sequential SFT→DPO end models (empty without both).</summary>
    public IReadOnlyList<InterpolationResult> Interpolation { get; init; } = [];

    public required string Machine { get; init; }

    public required DateTimeOffset Finished { get; init; }

    public required double WallSeconds { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, ExperimentSpec.JsonOptions);

    public static ExperimentResult Parse(string json) =>
        JsonSerializer.Deserialize<ExperimentResult>(json, ExperimentSpec.JsonOptions)
        ?? throw new FormatException("Empty results file.");
}
