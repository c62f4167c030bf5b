using System.Text.Json;

namespace Forgetless.Training.Datasets.Formats;

/// <summary>A response and the messages that preceded it in its list (empty when it was a plain string).</summary>
internal sealed record ResponsePart(string Text, IReadOnlyList<ChatTurn> Before);

/// <summary>Prompts and responses given either as strings or as OpenAI-style message lists.</summary>
internal static class PreferenceParts
{
    public static Prompt? ReadPrompt(JsonElement row, string field, RowErrors errors)
    {
        if (!row.TryGetProperty(field, out var value))
        {
            errors.Add(field, "is missing");
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => JsonFields.Text(value, field, errors) is { } raw && JsonFields.NotBlank(raw, field, errors) is { } text
                ? Prompt.FromText(text) : null,
            JsonValueKind.Array => ChatTurns.OpenAi.Read(value, field, errors) is { } turns
                ? Prompt.FromTurns(turns) : null,
            _ => Wrong<Prompt>(field, value, errors),
        };
    }

    /// <summary>A string response verbatim, or the content of the last message of a list, which must be the assistant's.</summary>
    public static ResponsePart? ReadResponse(JsonElement row, string field, RowErrors errors)
    {
        if (!row.TryGetProperty(field, out var value))
        {
            errors.Add(field, "is missing");
            return null;
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            return JsonFields.Text(value, field, errors) is { } raw && JsonFields.NotBlank(raw, field, errors) is { } text ? new ResponsePart(text, []) : null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            return Wrong<ResponsePart>(field, value, errors);
        }
        if (ChatTurns.OpenAi.Read(value, field, errors) is not { } turns)
        {
            return null;
        }
        if (turns[^1].Role != "assistant")
        {
            errors.Add(field, $"the last message must be the assistant's response, but it is from the {turns[^1].Role}");
            return null;
        }
        var content = JsonFields.NotBlank(turns[^1].Content, $"{field}[{turns.Count - 1}].content", errors);
        return content is null ? null : new ResponsePart(content, turns[..^1]);
    }

    private static T? Wrong<T>(string field, JsonElement value, RowErrors errors)
        where T : class
    {
        errors.Add(field, $"must be a string or a list of messages, got {JsonFields.KindName(value.ValueKind)}");
        return null;
    }
}
