namespace Forgetless.Training.Generation;

/// <summary>
/// How to continue a prompt. Temperature 0 is greedy (argmax); otherwise tokens are sampled from
/// softmax(logits / temperature) restricted to the top-p nucleus, from a generator seeded with <see cref="Seed"/>.
/// </summary>
public sealed record GenerationOptions
{
    public required int MaxNewTokens { get; init; }

    public double Temperature { get; init; }

    public double TopP { get; init; } = 1.0;

    public long Seed { get; init; }

    /// <summary>Generation ends when one of these is produced (it is not part of the result).</summary>
    public IReadOnlyCollection<int> StopTokenIds { get; init; } = [];

    /// <summary>Off only to measure or check the cache: every step then recomputes the whole sequence.</summary>
    public bool UseKeyValueCache { get; init; } = true;

    public static GenerationOptions Greedy(int maxNewTokens, params int[] stopTokenIds) =>
        new() { MaxNewTokens = maxNewTokens, StopTokenIds = stopTokenIds };

    public GenerationOptions Validate()
    {
        if (MaxNewTokens < 0) throw new ArgumentException($"max new tokens must be ≥ 0, got {MaxNewTokens}.", nameof(MaxNewTokens));
        if (Temperature < 0 || double.IsNaN(Temperature)) throw new ArgumentException($"temperature must be ≥ 0, got {Temperature}.", nameof(Temperature));
        if (TopP is <= 0 or > 1 || double.IsNaN(TopP)) throw new ArgumentException($"top-p must be in (0, 1], got {TopP}.", nameof(TopP));
        return this;
    }
}
