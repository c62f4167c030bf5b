using Forgetless.Training.Schedules;
using static TorchSharp.torch;

namespace Forgetless.Training.Running;

/// <summary>
/// f_SFT and f_DPO on the held-out examples, without gradients: f_SFT is the token mean over all held-out
/// responses, f_DPO the mean over all held-out pairs (not a mean of batch means), plus the reward accuracy.
/// </summary>
internal sealed class HeldOutEvaluator(PolicyObjectives objectives, TrainingData data, int batchSize = 32)
{
    public (ObjectiveLosses Losses, double RewardAccuracy) Evaluate()
    {
        using var noGrad = no_grad();
        double sftSum = 0;
        long sftTokens = 0;
        foreach (var chunk in data.SftHeldOut.Chunk(batchSize))
        {
            using var scope = NewDisposeScope();
            var (loss, batch) = objectives.Sft(chunk);
            sftSum += loss.item<float>() * batch.ResponseTokenCount;
            sftTokens += batch.ResponseTokenCount;
        }

        double dpoSum = 0, correct = 0;
        var pairs = data.PreferenceHeldOut.Count;
        for (var start = 0; start < pairs; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var indices = Enumerable.Range(start, Math.Min(batchSize, pairs - start)).ToArray();
            var outcome = objectives.Dpo([.. indices.Select(i => data.PreferenceHeldOut[i])], indices, data.ReferenceHeldOut);
            dpoSum += outcome.Result.Loss.item<float>() * indices.Length;
            correct += outcome.Result.ChosenRewards.gt(outcome.Result.RejectedRewards).sum().item<long>();
        }

        return (new ObjectiveLosses(sftSum / Math.Max(1, sftTokens), dpoSum / Math.Max(1, pairs)), correct / Math.Max(1, pairs));
    }
}
