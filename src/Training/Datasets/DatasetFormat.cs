namespace Forgetless.Training.Datasets;

/// <summary>
/// A file format the parser accepts. <see cref="Name"/> is stable (stored with uploads);
/// <see cref="Fields"/> describes the row shape for error messages and the UI.
/// </summary>
public sealed record DatasetFormat(string Name, DatasetKind Kind, string Fields)
{
    public static readonly DatasetFormat Alpaca =
        new("alpaca", DatasetKind.Sft, "instruction, input, output, optional system");

    public static readonly DatasetFormat OpenAiMessages =
        new("openai-messages", DatasetKind.Sft, "messages: [{role, content}], last one from the assistant");

    public static readonly DatasetFormat ShareGpt =
        new("sharegpt", DatasetKind.Sft, "conversations: [{from, value}], last one from gpt");

    public static readonly DatasetFormat PromptCompletion =
        new("prompt-completion", DatasetKind.Sft, "prompt, completion");

    public static readonly DatasetFormat PromptChosenRejected =
        new("prompt-chosen-rejected", DatasetKind.Preference, "prompt, chosen, rejected (strings or message lists)");

    public static readonly DatasetFormat HhRlhfRaw =
        new("hh-rlhf-raw", DatasetKind.Preference, "chosen, rejected (full \"\\n\\nHuman: … \\n\\nAssistant: …\" transcripts)");

    public static IReadOnlyList<DatasetFormat> All { get; } =
        [Alpaca, OpenAiMessages, ShareGpt, PromptCompletion, PromptChosenRejected, HhRlhfRaw];

    public static DatasetFormat? FromName(string name) => All.FirstOrDefault(f => f.Name == name);

    public override string ToString() => Name;
}
