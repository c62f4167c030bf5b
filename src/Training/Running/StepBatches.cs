using Forgetless.Training.Batches;
using Forgetless.Training.Running.Reference;
using Forgetless.Training.Schedules;
using static TorchSharp.torch;

namespace Forgetless.Training.Running;

/// <summary>
/// One step's batches, drawn lazily so that only the loaders a schedule uses advance (ALRIGHT, Sequential), and
/// at most once per step. As the <see cref="IObjectiveProbe"/> it evaluates both losses on these very batches.
/// </summary>
internal sealed class StepBatches(
    LengthBucketSampler sftSampler, LengthBucketSampler dpoSampler, TrainingData data, PolicyObjectives objectives) : IObjectiveProbe
{
    private TokenizedSft[]? _sft;
    private int[]? _dpoIndices;

    public TokenizedSft[] Sft => _sft ??= [.. sftSampler.Next().Select(i => data.SftTrain[i])];

    public int[] DpoIndices => _dpoIndices ??= dpoSampler.Next();

    public TokenizedPreference[] Dpo => [.. DpoIndices.Select(PairAt)];

    public TokenizedPreference PairAt(int index) => data.PreferenceTrain[index];

    public ReferenceLogProbs Reference => data.ReferenceTrain;

    public ObjectiveLosses EvaluateWithoutGradients()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var sft = objectives.Sft(Sft).Loss.item<float>();
        var dpo = objectives.Dpo(Dpo, DpoIndices, Reference).Result.Loss.item<float>();
        return new ObjectiveLosses(sft, dpo);
    }
}
