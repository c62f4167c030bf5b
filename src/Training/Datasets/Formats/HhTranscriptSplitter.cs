namespace Forgetless.Training.Datasets.Formats;

/// <summary>
/// Splits an Anthropic HH-RLHF raw pair (two full "\n\nHuman: … \n\nAssistant: …" transcripts) into the shared
/// prompt, through the last "\n\nAssistant:", and the two final replies, verbatim: prompt + chosen is exactly
/// the chosen transcript.
/// </summary>
internal static class HhTranscriptSplitter
{
    public const string AssistantTag = "\n\nAssistant:";

    public static PreferenceExample? Split(string chosenTranscript, string rejectedTranscript, RowErrors errors)
    {
        var chosenCut = PromptLength(chosenTranscript, "chosen", errors);
        var rejectedCut = PromptLength(rejectedTranscript, "rejected", errors);
        if (chosenCut < 0 || rejectedCut < 0)
        {
            return null;
        }
        var prompt = chosenTranscript[..chosenCut];
        if (!rejectedTranscript.AsSpan(0, rejectedCut).SequenceEqual(prompt))
        {
            errors.Add("rejected", "its conversation differs from \"chosen\" before the last \"\\n\\nAssistant:\" (the prompts must be identical)");
            return null;
        }
        var chosen = JsonFields.NotBlank(chosenTranscript[chosenCut..], "chosen", errors);
        var rejected = JsonFields.NotBlank(rejectedTranscript[rejectedCut..], "rejected", errors);
        return chosen is null || rejected is null || !PairChecks.Distinct(chosen, rejected, errors)
            ? null
            : new PreferenceExample(Prompt.FromText(prompt), chosen, rejected);
    }

    private static int PromptLength(string transcript, string field, RowErrors errors)
    {
        var index = transcript.LastIndexOf(AssistantTag, StringComparison.Ordinal);
        if (index < 0)
        {
            errors.Add(field, "has no \"\\n\\nAssistant:\" turn (expected a full HH-RLHF transcript)");
            return -1;
        }
        return index + AssistantTag.Length;
    }
}
