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
        var (predicting, targets) = Shift(logits, labels);
        var tokenCount = targets.ne(LabelMask.Ignore).sum().item<long>();
        if (tokenCount == 0)
        {
            throw new ArgumentException("The batch has no response tokens: every label is -100.", nameof(labels));
        }

        var loss = nn.functional.cross_entropy(
            predicting.reshape(-1, predicting.shape[^1]), targets.reshape(-1), ignore_index: LabelMask.Ignore);
        return new SftLossResult(loss.MoveToOuterDisposeScope(), tokenCount);
    }

    /// <summary>Logits at positions 0..T-2 with the labels at positions 1..T-1 they predict.</summary>
    internal static (Tensor Logits, Tensor Labels) Shift(Tensor logits, Tensor labels)
    {
        if (logits.dim() != 3 || labels.dim() != 2 || logits.shape[0] != labels.shape[0] || logits.shape[1] != labels.shape[1])
        {
            throw new ArgumentException(
                $"Expected logits (B, T, V) and labels (B, T); got [{string.Join(", ", logits.shape)}] and [{string.Join(", ", labels.shape)}].");
        }

        var length = logits.shape[1];
        return (logits.narrow(1, 0, length - 1), labels.narrow(1, 1, length - 1));
    }
}
