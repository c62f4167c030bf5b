namespace Forgetless.Training.Batches;

/// <summary>
/// One example's token counts before truncation: the rendered prompt and the response with its EOS, plus the
/// rejected response (with EOS) for a preference pair, where <see cref="Response"/> is the chosen one.
/// </summary>
public readonly record struct ExampleLength(int Prompt, int Response, int? Rejected = null)
{
    /// <summary>The longer sequence: what <see cref="ExampleTokenizer"/> compares with its maximum length.</summary>
    public int Longest => Prompt + Math.Max(Response, Rejected ?? 0);

    public bool IsTruncatedAt(int maxLength) => Longest > maxLength;

    /// <summary>Tokens kept at <paramref name="maxLength"/>: the sequence's, or both sequences' of a pair (as a DPO batch holds them).</summary>
    public int TokensAt(int maxLength)
    {
        var promptKept = ExampleTokenizer.PromptTokensKept(Prompt, Math.Max(Response, Rejected ?? 0), maxLength);
        var kept = promptKept + Math.Min(Response, maxLength - promptKept);
        return Rejected is { } rejected ? kept + promptKept + Math.Min(rejected, maxLength - promptKept) : kept;
    }
}
