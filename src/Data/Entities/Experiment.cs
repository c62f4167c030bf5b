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

    /// <summary>How the DPO reference is chosen: "sft_optimum", "pref_sft" or "initial".</summary>
    public required string ReferenceChoice { get; set; }

    /// <summary>
    /// MAXRIGHT's f*_SFT: the SFT-only run's final smoothed training loss, set once it has finished (or was reused). It is
    /// also the queue's gate ("optima finished"). Pages report against another ideal point, the best held-out values.
    /// </summary>
    public double? IdealSft { get; set; }

    /// <summary>MAXRIGHT's f*_DPO: the DPO-only run's final smoothed training loss.</summary>
    public double? IdealDpo { get; set; }

    /// <summary>The run whose final model is the DPO reference: the SFT-only run ("sft_optimum") or the pref-SFT run ("pref_sft").</summary>
    public int? ReferenceRunId { get; set; }

    public required string SpecJson { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Comma-separated.</summary>
    public string Tags { get; set; } = "";

    public string Notes { get; set; } = "";

    /// <summary>When it was moved to the trash (null: not trashed). Trashed experiments are hidden from lists and their Queued runs are not claimed.</summary>
    public DateTime? TrashedAt { get; set; }

    /// <summary>Who moved it to the trash.</summary>
    public string? TrashedBy { get; set; }

    public List<Run> Runs { get; set; } = [];

    /// <summary>Each seed's ideal point, reference and interpolation baseline (the columns above repeat the first seed's).</summary>
    public List<ExperimentSeed> Seeds { get; set; } = [];
}
