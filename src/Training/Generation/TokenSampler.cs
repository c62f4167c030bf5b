using Forgetless.Training.Tensors;
using static TorchSharp.torch;

namespace Forgetless.Training.Generation;

/// <summary>Picks the next token from a (vocab) logits row: argmax, or temperature + top-p (nucleus) sampling.</summary>
public sealed class TokenSampler(GenerationOptions options) : IDisposable
{
    private readonly Generator generator = new Generator((ulong)options.Seed);

    public int Next(Tensor logits)
    {
        using var scope = NewDisposeScope();
        if (options.Temperature == 0) return (int)logits.argmax().item<long>();
        var probabilities = logits.to_type(ScalarType.Float32).DividedBy(options.Temperature).softmax(-1);
        if (options.TopP < 1)
        {
            // Keep the most likely tokens until their mass reaches top-p (always at least the first), as HF does.
            var (sorted, order) = probabilities.sort(descending: true);
            var before = sorted.cumsum(0) - sorted;
            var dropped = before.AtLeast(options.TopP);
            probabilities = probabilities.scatter(0, order, sorted.MaskedFill(dropped, 0));
        }
        return (int)multinomial(probabilities, 1, generator: generator).item<long>();
    }

    public void Dispose() => generator.Dispose();
}
