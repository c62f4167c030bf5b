namespace Forgetless.Data.Entities;

/// <summary>
/// One seed of an experiment: its own optima give its own ideal point and DPO reference, so each schedule run is
/// measured against the optima of its own seed. <see cref="InterpolationJson"/> is the weight-interpolation
/// baseline between that seed's SFT-only and Sequential SFT→DPO end models, once both have finished.
/// </summary>
public sealed class ExperimentSeed
{
    public int ExperimentId { get; set; }

    public int Seed { get; set; }

    /// <summary>f_SFT* of this seed's ideal point, known once its SFT-only run has finished (or was reused).</summary>
    public double? IdealSft { get; set; }

    /// <summary>f_DPO* of this seed's ideal point.</summary>
    public double? IdealDpo { get; set; }

    /// <summary>This seed's SFT-only run, whose final model is the DPO reference (reference choice "sft_optimum").</summary>
    public int? ReferenceRunId { get; set; }

    /// <summary>A JSON array of {alpha, evalSftLoss, evalDpoLoss}; null until computed.</summary>
    public string? InterpolationJson { get; set; }
}
