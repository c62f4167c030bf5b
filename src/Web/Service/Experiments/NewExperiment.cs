using System.ComponentModel.DataAnnotations;

namespace Forgetless.Web.Service.Experiments;

/// <summary>
/// What a user asks for: for each seed, one run per schedule × λ, plus the two optimum runs that give that seed's
/// ideal point unless identical ones already finished.
/// </summary>
public sealed record NewExperiment
{
    [Required, StringLength(200, MinimumLength = 1)]
    public required string Name { get; init; }

    public required int SftDatasetId { get; init; }

    public required int PreferenceDatasetId { get; init; }

    /// <summary>A preset ("tiny", "bench17m") or an imported model's stored folder (<c>ModelSummary.EngineModel</c>); ignored when <see cref="ModelId"/> is given.</summary>
    public string Model { get; init; } = "tiny";

    /// <summary>A library model's id (<c>GET /api/models</c>); wins over <see cref="Model"/>.</summary>
    public int? ModelId { get; init; }

    /// <summary>One of <see cref="ReferenceChoices.All"/>: the DPO reference every run shares.</summary>
    public string ReferenceChoice { get; init; } = ReferenceChoices.SftOptimum;

    /// <summary>Any of <see cref="ScheduleNames.All"/>.</summary>
    public IReadOnlyList<string> Schedules { get; init; } = ScheduleNames.All;

    public IReadOnlyList<double> Lambdas { get; init; } = [0.5];

    public Hyperparameters Hyperparameters { get; init; } = new();

    /// <summary>
    /// How many seeds every run is repeated with: <c>Hyperparameters.Seed</c>, +1, … Each seed has its own optimum runs,
    /// so its schedules are measured against its own ideal point and trained against its own SFT-optimum reference.
    /// </summary>
    public int SeedCount { get; init; } = DefaultSeedCount;

    public const int DefaultSeedCount = 3;

    public string Tags { get; init; } = "";

    public string Notes { get; init; } = "";
}
