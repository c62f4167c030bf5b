using Forgetless.Data.Entities;

namespace Forgetless.Web.Service.Experiments;

/// <summary>Everything needed to train one run; stored as the run's spec JSON.</summary>
public sealed record RunPlan(
    RunRole Role,
    string Schedule,
    double? Lambda,
    int SftDatasetId,
    int PreferenceDatasetId,
    string Model,
    string ReferenceChoice,
    Hyperparameters Hyperparameters);
