using System.Text;
using Forgetless.Training.Datasets;

namespace Forgetless.Training.Tokenization;

/// <summary>Llama 3 Instruct's header format, including &lt;|begin_of_text|&gt; as its chat template writes it.</summary>
public sealed class Llama3Template : IPromptTemplate
{
    public string Name => "llama3";

    public string Render(Prompt prompt)
    {
        if (prompt.IsText)
        {
            return prompt.Text!;
        }

        var text = new StringBuilder("<|begin_of_text|>");
        foreach (var turn in prompt.Turns)
        {
            text.Append($"<|start_header_id|>{turn.Role}<|end_header_id|>\n\n{turn.Content}<|eot_id|>");
        }

        return text.Append("<|start_header_id|>assistant<|end_header_id|>\n\n").ToString();
    }
}
