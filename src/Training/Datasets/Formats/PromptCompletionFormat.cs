using System.Text.Json;

namespace Forgetless.Training.Datasets.Formats;

/// <summary>
/// TRL's prompt/completion rows: <c>prompt</c> as a string (kept verbatim) or a message list, <c>completion</c>
/// as a string or a message list ending with the assistant. This is also what <see cref="DatasetWriter"/> writes for SFT.
/// </summary>
internal sealed class PromptCompletionFormat : IRowFormat
{
    public DatasetFormat Format => DatasetFormat.PromptCompletion;

    public DatasetRow? Convert(JsonElement row, int line, RowErrors errors)
    {
        var prompt = PreferenceParts.ReadPrompt(row, "prompt", errors);
        var completion = PreferenceParts.ReadResponse(row, "completion", errors);
        return prompt is null || completion is null
            ? null
            : new DatasetRow(line, new SftExample(prompt, completion.Text), null);
    }
}
