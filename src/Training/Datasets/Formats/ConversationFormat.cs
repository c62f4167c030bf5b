using System.Text.Json;

namespace Forgetless.Training.Datasets.Formats;

/// <summary>
/// A chat as one list of messages (OpenAI <c>messages</c>, ShareGPT <c>conversations</c>): the last message is
/// the assistant's response, the earlier ones the prompt. A conversation that does not end with the assistant is
/// an error rather than silently truncated.
/// </summary>
internal sealed class ConversationFormat(DatasetFormat format, string field, ChatTurns messages) : IRowFormat
{
    public static readonly ConversationFormat OpenAi = new(DatasetFormat.OpenAiMessages, "messages", ChatTurns.OpenAi);

    public static readonly ConversationFormat ShareGpt = new(DatasetFormat.ShareGpt, "conversations", ChatTurns.ShareGpt);

    public DatasetFormat Format => format;

    public DatasetRow? Convert(JsonElement row, int line, RowErrors errors)
    {
        if (!row.TryGetProperty(field, out var list))
        {
            errors.Add(field, "is missing");
            return null;
        }
        if (messages.Read(list, field, errors) is not { } turns)
        {
            return null;
        }
        var response = turns[^1];
        if (response.Role != "assistant")
        {
            errors.Add(field, $"the last message must be the assistant's response, but it is from the {response.Role}");
            return null;
        }
        if (JsonFields.NotBlank(response.Content, $"{field}[{turns.Count - 1}].{messages.ContentKey}", errors) is null)
        {
            return null;
        }
        var prompt = turns[..^1];
        if (!prompt.Any(turn => turn.Role == "user"))
        {
            errors.Add(field, "needs a user message before the assistant's response");
            return null;
        }
        return new DatasetRow(line, new SftExample(Prompt.FromTurns(prompt), response.Content), null);
    }
}
