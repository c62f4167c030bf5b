using Forgetless.Training.Tensors;
using static TorchSharp.torch;

namespace Forgetless.Training.Losses;

/// <summary>
/// Supervised fine-tuning loss: token-mean NLL of the response tokens. Labels are the input ids with prompt and
/// padding set to -100; the shift is done here (HF convention): <c>logits[:, :-1]</c> predict <c>labels[:, 1:]</c>.
/// </summary>
public static class SftLoss
{
    /// <param name="logits">(B, T, V)</param>
    /// <param name="labels">(B, T) int64, -100 where not trained.</param>
    public static SftLossResult Compute(Tensor logits, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var targets = ShiftedTargets(logits, labels);
        var tokenCount = targets.NotEqual(LabelMask.Ignore).sum().item<long>();
        if (tokenCount == 0)
        {
            throw new ArgumentException("The batch has no response tokens: every label is -100.", nameof(labels));
        }

        var loss = nn.functional.cross_entropy(Flat(logits), targets.view(-1), ignore_index: LabelMask.Ignore);
        return new SftLossResult(loss.MoveToOuterDisposeScope(), tokenCount);
    }

    /// <summary>
    /// (B, T) targets aligned with the logits: position t holds the label at t+1, and the last position, which predicts
    /// nothing, holds -100. Shifting the small labels instead of narrowing the (B, T, V) logits keeps the logits
    /// contiguous, so neither the loss nor its backward copies them (a narrowed view would be copied by the reshape and
    /// padded back with a zero-filled (B, T, V) gradient).
    /// </summary>
    internal static Tensor ShiftedTargets(Tensor logits, Tensor labels)
    {
        if (logits.dim() != 3 || labels.dim() != 2 || logits.shape[0] != labels.shape[0] || logits.shape[1] != labels.shape[1])
        {
            throw new ArgumentException(
                $"Expected logits (B, T, V) and labels (B, T); got [{string.Join(", ", logits.shape)}] and [{string.Join(", ", labels.shape)}].");
        }

        var (batch, length) = (labels.shape[0], labels.shape[1]);
        var ignored = HeldScalars.Full([batch, 1], LabelMask.Ignore, ScalarType.Int64, labels.device);
        return cat([labels.narrow(1, 1, length - 1).to_type(ScalarType.Int64), ignored], 1);
    }

    /// <summary>(B, T, V) → (B·T, V), a view when the logits are contiguous (as a model's output is).</summary>
    internal static Tensor Flat(Tensor logits) => logits.reshape(-1, logits.shape[^1]);
}
