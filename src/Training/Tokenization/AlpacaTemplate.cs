using System.Text;
using Forgetless.Training.Datasets;

namespace Forgetless.Training.Tokenization;

/// <summary>
/// Stanford Alpaca's instruction format. A system turn replaces the standard preamble paragraph; earlier
/// assistant turns are written after their "### Response:" so multi-turn prompts stay readable.
/// </summary>
public sealed class AlpacaTemplate : IPromptTemplate
{
    public const string Preamble =
        "Below is an instruction that describes a task. Write a response that appropriately completes the request.";

    public string Name => "alpaca";

    public string Render(Prompt prompt)
    {
        if (prompt.IsText)
        {
            return prompt.Text!;
        }

        var system = prompt.Turns.FirstOrDefault(turn => turn.Role == "system")?.Content ?? Preamble;
        var text = new StringBuilder(system).Append("\n\n");
        foreach (var turn in prompt.Turns.Where(turn => turn.Role != "system"))
        {
            text.Append(turn.Role == "assistant"
                ? $"{turn.Content}\n\n"
                : $"### Instruction:\n{turn.Content}\n\n### Response:\n");
        }

        return text.ToString();
    }
}
