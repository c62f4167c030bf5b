using Forgetless.Training.Datasets;
using Forgetless.Training.Tokenization;

namespace Forgetless.Training.Batches;

/// <summary>
/// Turns examples into token ids: the prompt rendered by a template and the response are encoded separately, so
/// the prompt/response boundary is exact, and EOS follows every response. Sequences longer than
/// <see cref="MaxLength"/> keep the start of the response: prompt tokens are dropped from the left first, down to
/// one (so the first response token is still predicted from something); if the response alone is still too long,
/// its end is cut (EOS included). At least one response token always remains.
/// </summary>
public sealed class ExampleTokenizer
{
    public ExampleTokenizer(ITokenizer tokenizer, IPromptTemplate template, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        (Tokenizer, Template, MaxLength) = (tokenizer, template, maxLength);
    }

    public ITokenizer Tokenizer { get; }

    public IPromptTemplate Template { get; }

    public int MaxLength { get; }

    public TokenizedSft Tokenize(SftExample example)
    {
        var prompt = Tokenizer.Encode(Template.Render(example.Prompt));
        var response = WithEos(example.Response);
        var promptKept = PromptTokensKept(prompt.Count, response.Length, MaxLength);
        return new TokenizedSft(Join(prompt, promptKept, response), promptKept);
    }

    public TokenizedPreference Tokenize(PreferenceExample example)
    {
        var prompt = Tokenizer.Encode(Template.Render(example.Prompt));
        var chosen = WithEos(example.Chosen);
        var rejected = WithEos(example.Rejected);
        var promptKept = PromptTokensKept(prompt.Count, Math.Max(chosen.Length, rejected.Length), MaxLength);
        return new TokenizedPreference(Join(prompt, promptKept, chosen), Join(prompt, promptKept, rejected), promptKept);
    }

    /// <summary>The example's token counts before truncation, encoded exactly as <see cref="Tokenize(SftExample)"/> encodes it.</summary>
    public ExampleLength Measure(SftExample example) =>
        new(Tokenizer.Encode(Template.Render(example.Prompt)).Count, Tokenizer.Encode(example.Response).Count + 1);

    /// <summary>The pair's token counts before truncation, encoded exactly as <see cref="Tokenize(PreferenceExample)"/> encodes it.</summary>
    public ExampleLength Measure(PreferenceExample example) =>
        new(Tokenizer.Encode(Template.Render(example.Prompt)).Count, Tokenizer.Encode(example.Chosen).Count + 1, Tokenizer.Encode(example.Rejected).Count + 1);

    /// <summary>How many prompt tokens survive truncation to <paramref name="maxLength"/> (see the class summary).</summary>
    public static int PromptTokensKept(int promptLength, int longestResponse, int maxLength) =>
        promptLength + longestResponse <= maxLength
            ? promptLength
            : Math.Min(promptLength, Math.Max(Math.Min(promptLength, 1), maxLength - longestResponse));

    /// <summary>The texts this tokenizer encodes for these examples: what a compact vocabulary should be built from.</summary>
    public static IEnumerable<string> EncodedTexts(
        IPromptTemplate template, IEnumerable<SftExample> sft, IEnumerable<PreferenceExample> preferences) =>
        sft.SelectMany(example => new[] { template.Render(example.Prompt), example.Response })
            .Concat(preferences.SelectMany(example => new[] { template.Render(example.Prompt), example.Chosen, example.Rejected }));

    private int[] WithEos(string response) => [.. Tokenizer.Encode(response), Tokenizer.EosId];

    private int[] Join(IReadOnlyList<int> prompt, int promptKept, int[] response)
    {
        var responseKept = Math.Min(response.Length, MaxLength - promptKept);
        var ids = new int[promptKept + responseKept];
        for (var i = 0; i < promptKept; i++)
        {
            ids[i] = prompt[prompt.Count - promptKept + i];
        }

        Array.Copy(response, 0, ids, promptKept, responseKept);
        return ids;
    }
}
