using System.Text;
using Forgetless.Training.Datasets;

namespace Forgetless.Training.Tokenization;

/// <summary>Plain "User: …\nAssistant: " lines: no special markers, so a small vocabulary stays small.</summary>
public sealed class PlainTemplate : IPromptTemplate
{
    public string Name => "plain";

    public string Render(Prompt prompt)
    {
        if (prompt.IsText)
        {
            return prompt.Text!;
        }

        var text = new StringBuilder();
        foreach (var turn in prompt.Turns)
        {
            text.Append($"{Label(turn.Role)}: {turn.Content}\n");
        }

        return text.Append("Assistant: ").ToString();
    }

    private static string Label(string role) => role switch
    {
        "system" => "System",
        "assistant" => "Assistant",
        _ => "User",
    };
}
