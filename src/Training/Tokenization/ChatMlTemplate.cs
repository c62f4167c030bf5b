using System.Text;
using Forgetless.Training.Datasets;

namespace Forgetless.Training.Tokenization;

/// <summary>ChatML role-tagged turns (Qwen, SmolLM): the default for chat data.</summary>
public sealed class ChatMlTemplate : IPromptTemplate
{
    public string Name => "chatml";

    public string Render(Prompt prompt)
    {
        if (prompt.IsText)
        {
            return prompt.Text!;
        }

        var text = new StringBuilder();
        foreach (var turn in prompt.Turns)
        {
            text.Append($"<|im_start|>{turn.Role}\n{turn.Content}<|im_end|>\n");
        }

        return text.Append("<|im_start|>assistant\n").ToString();
    }
}
