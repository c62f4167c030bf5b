using System.Text.Json;
using Forgetless.Training.Schedules;

namespace Forgetless.Training.Running.Experiments;

/// <summary>RESULTS.json: the ideal point and every run, optimum runs first.</summary>
public sealed record ExperimentResult
{
    public required string Name { get; init; }

    public required IdealPoint Ideal { get; init; }

    public required IReadOnlyList<RunResult> Runs { get; init; }

    public required string Machine { get; init; }

    public required DateTimeOffset Finished { get; init; }

    public required double WallSeconds { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, ExperimentSpec.JsonOptions);

    public static ExperimentResult Parse(string json) =>
        JsonSerializer.Deserialize<ExperimentResult>(json, ExperimentSpec.JsonOptions)
        ?? throw new FormatException("Empty results file.");
}
