using Forgetless.Training.Batches;
using Forgetless.Training.Schedules;
using Forgetless.Training.Tensors;
using static TorchSharp.torch;

namespace Forgetless.Training.Running;

/// <summary>
/// The forward and backward passes of one optimiser step. Each trained objective's batch is cut into micro-batches;
/// each micro-batch's loss is weighted by its share of the batch (response tokens for SFT, pairs for DPO), so the
/// summed gradients equal those of the whole batch's loss. With one micro-batch, Mix does one backward pass
/// through both objectives' graphs, as the paper's Mix does.
/// </summary>
internal static class StepComputation
{
    public static StepResult Run(StepPlan plan, StepBatches batches, PolicyObjectives objectives, int accumulation)
    {
        var sftChunks = plan.TrainsSft ? Split(batches.Sft, accumulation) : [];
        var dpoChunks = plan.TrainsDpo ? Split(batches.DpoIndices, accumulation) : [];
        double sftTokensTotal = sftChunks.SelectMany(c => c).Sum(ResponseTokens);
        double pairsTotal = dpoChunks.Sum(c => c.Length);
        var result = new StepResult(plan.TrainsSft ? 0 : null, plan.TrainsDpo ? 0 : null);
        for (var micro = 0; micro < Math.Max(sftChunks.Length, dpoChunks.Length); micro++)
        {
            Tensor? total = null;
            if (micro < sftChunks.Length)
            {
                var (loss, batch) = objectives.Sft(sftChunks[micro]);
                var share = batch.ResponseTokenCount / sftTokensTotal;
                total = loss.Times(plan.SftWeight * share);
                result.SftLoss += share * loss.item<float>();
                result.Count(batch);
            }

            if (micro < dpoChunks.Length)
            {
                var indices = dpoChunks[micro];
                var outcome = objectives.Dpo([.. indices.Select(batches.PairAt)], indices, batches.Reference);
                var share = indices.Length / pairsTotal;
                var weighted = outcome.Result.Loss.Times(plan.DpoWeight * share);
                total = total is null ? weighted : total.Plus(weighted);
                result.AddDpo(share, outcome);
            }

            total!.backward();
        }

        return result;
    }

    private static long ResponseTokens(TokenizedSft example) => Math.Max(0, example.Length - Math.Max(example.ResponseStart, 1));

    private static T[][] Split<T>(T[] items, int parts) =>
        [.. items.Chunk((items.Length + Math.Min(parts, items.Length) - 1) / Math.Min(parts, items.Length))];
}
