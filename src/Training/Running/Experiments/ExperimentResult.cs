using System.Text.Json;
using Forgetless.Training.Schedules;

namespace Forgetless.Training.Running.Experiments;

/// <summary>One seed's experiment: the ideal point, every run (optimum runs first) and the interpolation baseline.</summary>
public sealed record ExperimentResult
{
    public required string Name { get; init; }

    public required IdealPoint Ideal { get; init; }

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
