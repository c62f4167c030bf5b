using Forgetless.Training.Batches;
using Forgetless.Training.Losses;
using Forgetless.Training.Running.Reference;
using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Training.Running;

/// <summary>
/// The two losses of the policy on a list of examples. Tensors are created in the caller's dispose scope, on the
/// device the policy lives on (CUDA or CPU). A DPO loss needs only the policy's forward pass: the reference
/// log-probs come from the cache.
/// </summary>
internal sealed class PolicyObjectives(nn.Module<Tensor, Tensor> policy, DpoLoss dpoLoss, int padId)
{
    private readonly Device _device = DeviceOf(policy);

    /// <summary>Where a model's parameters are: batches must be built there.</summary>
    public static Device DeviceOf(nn.Module<Tensor, Tensor> model) => model.parameters().First().device;

    public (Tensor Loss, TokenBatch Batch) Sft(IReadOnlyList<TokenizedSft> examples)
    {
        var batch = SftBatch.Collate(examples, padId);
        var tensors = batch.ToTensors(_device);
        using var logits = policy.forward(tensors.InputIds); // (B, T, V) freed once the loss exists: backward needs only autograd's copies
        return (SftLoss.Compute(logits, tensors.Labels).Loss, batch);
    }

    public DpoOutcome Dpo(IReadOnlyList<TokenizedPreference> pairs, IReadOnlyList<int> indices, ReferenceLogProbs reference)
    {
        var batch = PreferenceBatch.Collate(pairs, padId);
        var tensors = batch.ToTensors(_device);
        Tensor logProbs;
        using (var logits = policy.forward(tensors.InputIds)) // (2B, T, V), freed as soon as the log-probs exist
        {
            logProbs = SequenceLogProbs.Compute(logits, tensors.Labels);
        }

        var (chosen, rejected) = SequenceLogProbs.SplitPairs(logProbs);
        var referenceChosen = tensor(indices.Select(i => reference.Chosen[i]).ToArray(), device: _device);
        var referenceRejected = tensor(indices.Select(i => reference.Rejected[i]).ToArray(), device: _device);
        return new DpoOutcome(dpoLoss.Compute(chosen, rejected, referenceChosen, referenceRejected), chosen, rejected, batch);
    }

    /// <summary>Summed response log-probs of each pair's chosen and rejected sequences, without gradients.</summary>
    public static (float[] Chosen, float[] Rejected) LogProbs(
        nn.Module<Tensor, Tensor> model, IReadOnlyList<TokenizedPreference> pairs, int padId, int batchSize = 32)
    {
        var chosen = new List<float>(pairs.Count);
        var rejected = new List<float>(pairs.Count);
        var device = DeviceOf(model);
        using var noGrad = no_grad();
        foreach (var chunk in pairs.Chunk(batchSize))
        {
            using var scope = NewDisposeScope();
            var tensors = PreferenceBatch.Collate(chunk, padId).ToTensors(device);
            var (c, r) = SequenceLogProbs.SplitPairs(SequenceLogProbs.Compute(model.forward(tensors.InputIds), tensors.Labels));
            chosen.AddRange(c.cpu().data<float>().ToArray());
            rejected.AddRange(r.cpu().data<float>().ToArray());
        }

        return ([.. chosen], [.. rejected]);
    }
}
