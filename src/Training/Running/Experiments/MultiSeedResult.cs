using System.Text.Json;

namespace Forgetless.Training.Running.Experiments;

/// <summary>RESULTS.json: the experiment once per seed, each with its own ideal point, runs and interpolation baseline.</summary>
public sealed record MultiSeedResult
{
    public required string Name { get; init; }

    public required IReadOnlyList<ExperimentResult> Seeds { get; init; }

    public required string Machine { get; init; }

    public required DateTimeOffset Finished { get; init; }

    public required double WallSeconds { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, ExperimentSpec.JsonOptions);

    public static MultiSeedResult Parse(string json) =>
        JsonSerializer.Deserialize<MultiSeedResult>(json, ExperimentSpec.JsonOptions)
        ?? throw new FormatException("Empty results file.");
}
