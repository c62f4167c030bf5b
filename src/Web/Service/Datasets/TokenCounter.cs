using Forgetless.Training.Datasets;
using Forgetless.Training.Tokenization;

namespace Forgetless.Web.Service.Datasets;

/// <summary>
/// Turns parsed rows into preview rows and token statistics (GPT-2 BPE). A dataset's stored statistics use the plain
/// template (<see cref="UploadTemplate"/>); a preview renders with the template the user picks, as training would.
/// </summary>
internal static class TokenCounter
{
    public const string UploadTemplate = "plain";

    public static PreviewRow Preview(DatasetRow row, string templateName = UploadTemplate)
    {
        var tokenizer = Gpt2Tokenizer.Instance;
        var template = PromptTemplates.ByName(templateName);
        if (row.Sft is { } sft)
        {
            var prompt = template.Render(sft.Prompt);
            return new(row.Line, prompt, Count(tokenizer, prompt), sft.Response, Count(tokenizer, sft.Response), null, null, null, null,
                template.Name, PromptTurns.Of(sft.Prompt));
        }

        var pair = row.Preference!;
        var text = template.Render(pair.Prompt);
        return new(row.Line, text, Count(tokenizer, text), null, null, pair.Chosen, Count(tokenizer, pair.Chosen), pair.Rejected, Count(tokenizer, pair.Rejected),
            template.Name, PromptTurns.Of(pair.Prompt));
    }

    /// <summary>Tokens a row occupies in training: the prompt plus its (longer) response.</summary>
    public static int RowTokens(PreviewRow row) =>
        row.PromptTokens + (row.ResponseTokens ?? Math.Max(row.ChosenTokens ?? 0, row.RejectedTokens ?? 0));

    private static int Count(ITokenizer tokenizer, string text) => tokenizer.Encode(text).Count;
}
