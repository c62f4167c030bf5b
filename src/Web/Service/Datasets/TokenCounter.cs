using Forgetless.Training.Datasets;
using Forgetless.Training.Tokenization;

namespace Forgetless.Web.Service.Datasets;

/// <summary>Turns parsed rows into preview rows and token statistics (GPT-2 BPE, plain template): the same numbers everywhere.</summary>
internal static class TokenCounter
{
    private static readonly IPromptTemplate Template = PromptTemplates.ByName("plain");

    public static PreviewRow Preview(DatasetRow row)
    {
        var tokenizer = Gpt2Tokenizer.Instance;
        if (row.Sft is { } sft)
        {
            var prompt = Template.Render(sft.Prompt);
            return new(row.Line, prompt, Count(tokenizer, prompt), sft.Response, Count(tokenizer, sft.Response), null, null, null, null);
        }

        var pair = row.Preference!;
        var text = Template.Render(pair.Prompt);
        return new(row.Line, text, Count(tokenizer, text), null, null, pair.Chosen, Count(tokenizer, pair.Chosen), pair.Rejected, Count(tokenizer, pair.Rejected));
    }

    /// <summary>Tokens a row occupies in training: the prompt plus its (longer) response.</summary>
    public static int RowTokens(PreviewRow row) =>
        row.PromptTokens + (row.ResponseTokens ?? Math.Max(row.ChosenTokens ?? 0, row.RejectedTokens ?? 0));

    private static int Count(ITokenizer tokenizer, string text) => tokenizer.Encode(text).Count;
}
