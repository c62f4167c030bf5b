using System.Text.RegularExpressions;
using Forgetless.Training.Datasets;

namespace Forgetless.Web.Service.Datasets;

/// <summary>
/// A prompt as a reader sees a conversation: its turns, or, for a prompt stored verbatim (HH-RLHF transcripts), the
/// "Human:" / "Assistant:" turns it is written as. For display only: training renders the prompt with its template.
/// </summary>
public static partial class PromptTurns
{
    public static IReadOnlyList<ChatTurn> Of(Prompt prompt) => prompt.IsText ? Split(prompt.Text!) : prompt.Turns;

    private static List<ChatTurn> Split(string text)
    {
        var markers = TranscriptMarker().Matches(text);
        if (markers.Count == 0) return [new ChatTurn("prompt", text.Trim())];
        var turns = new List<ChatTurn>();
        if (text[..markers[0].Index].Trim() is { Length: > 0 } preamble) turns.Add(new ChatTurn("prompt", preamble));
        for (var i = 0; i < markers.Count; i++)
        {
            var end = i + 1 < markers.Count ? markers[i + 1].Index : text.Length;
            var content = text[(markers[i].Index + markers[i].Length)..end].Trim();
            // A transcript prompt ends with an empty "Assistant:": the turn the response fills.
            if (content.Length > 0) turns.Add(new ChatTurn(markers[i].Groups[1].Value == "Human" ? "user" : "assistant", content));
        }

        return turns;
    }

    [GeneratedRegex(@"(?:^|\n\n)(Human|Assistant):")]
    private static partial Regex TranscriptMarker();
}
