using Forgetless.Training.Batches;
using Forgetless.Training.Losses;
using static TorchSharp.torch;

namespace Forgetless.Training.Running;

/// <summary>A DPO loss with the policy's per-pair log-probs (B) it came from, for the <c>logps/*</c> metrics.</summary>
internal sealed record DpoOutcome(DpoLossResult Result, Tensor PolicyChosen, Tensor PolicyRejected, TokenBatch Batch);
