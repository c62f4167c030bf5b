using Forgetless.Training.Batches;
using Forgetless.Training.Running.Reference;

namespace Forgetless.Training.Running;

/// <summary>
/// A run's tokenised data: training and held-out examples of both objectives, and the reference model's
/// log-probs of every preference pair (index-aligned with the lists), computed once and cached.
/// </summary>
public sealed record TrainingData(
    IReadOnlyList<TokenizedSft> SftTrain,
    IReadOnlyList<TokenizedSft> SftHeldOut,
    IReadOnlyList<TokenizedPreference> PreferenceTrain,
    IReadOnlyList<TokenizedPreference> PreferenceHeldOut,
    ReferenceLogProbs ReferenceTrain,
    ReferenceLogProbs ReferenceHeldOut,
    int PadId);
