using Forgetless.Training.Running.Experiments;

namespace Forgetless.Web.Service.Experiments;

/// <summary>The DPO reference an experiment's runs share (paper §1), named as the engine names them.</summary>
public static class ReferenceChoices
{
    /// <summary>The SFT-only run's final model: the paper's SFT→DPO setting.</summary>
    public const string SftOptimum = ExperimentSpec.SftOptimumReference;

    /// <summary>A model SFT-trained on the preference data's chosen responses, trained first: the paper's DPO→SFT setting.</summary>
    public const string PrefSft = ExperimentSpec.PrefSftReference;

    /// <summary>The starting model.</summary>
    public const string Initial = ExperimentSpec.InitialReference;

    public static IReadOnlyList<string> All { get; } = [SftOptimum, PrefSft, Initial];

    /// <summary>Choices whose reference is a run of the experiment (its final model, see Experiment.ReferenceRunId).</summary>
    public static bool IsTrained(string choice) => choice is SftOptimum or PrefSft;
}
