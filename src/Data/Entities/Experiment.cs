namespace Forgetless.Data.Entities;

/// <summary>
/// A comparison: runs that share datasets, model, reference choice and ideal point, and differ in
/// schedule and λ. The full engine spec is kept as JSON; the columns are what lists filter on.
/// </summary>
public sealed class Experiment
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public int? SftDatasetId { get; set; }

    public Dataset? SftDataset { get; set; }

    public int? PreferenceDatasetId { get; set; }

    public Dataset? PreferenceDataset { get; set; }

    /// <summary>What the engine loads: a preset name, or the library model's folder relative to the data directory.</summary>
    public required string Model { get; set; }

    /// <summary>The library model (a model in use cannot be deleted); null for experiments made before the library.</summary>
    public int? ModelId { get; set; }

    /// <summary>How the DPO reference is chosen, e.g. "initial" or "sft-optimum".</summary>
    public required string ReferenceChoice { get; set; }

    /// <summary>f_SFT* of the ideal point, known once the optimum runs have finished (or reused).</summary>
    public double? IdealSft { get; set; }

    /// <summary>f_DPO* of the ideal point.</summary>
    public double? IdealDpo { get; set; }

    /// <summary>The SFT-only run whose final model is the DPO reference (when the reference choice is "sft_optimum").</summary>
    public int? ReferenceRunId { get; set; }

    public required string SpecJson { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Comma-separated.</summary>
    public string Tags { get; set; } = "";

    public string Notes { get; set; } = "";

    public List<Run> Runs { get; set; } = [];

    /// <summary>Each seed's ideal point, reference and interpolation baseline (the columns above repeat the first seed's).</summary>
    public List<ExperimentSeed> Seeds { get; set; } = [];
}
