using System.Text.Json;

namespace Forgetless.Training.Datasets.Formats;

/// <summary>Reads a list of chat messages ({role, content} or ShareGPT's {from, value}) into normalised turns.</summary>
internal sealed class ChatTurns(string roleKey, string contentKey, IReadOnlyDictionary<string, string> roles)
{
    public static readonly ChatTurns OpenAi = new("role", "content", new Dictionary<string, string>
    {
        ["system"] = "system", ["user"] = "user", ["assistant"] = "assistant",
    });

    public static readonly ChatTurns ShareGpt = new("from", "value", new Dictionary<string, string>
    {
        ["system"] = "system", ["human"] = "user", ["user"] = "user", ["gpt"] = "assistant", ["assistant"] = "assistant",
    });

    public string ContentKey => contentKey;

    private string AcceptedRoles => string.Join(", ", roles.Keys.Select(r => $"\"{r}\""));

    /// <summary>The turns, or null (with errors) when the list or any message is malformed.</summary>
    public List<ChatTurn>? Read(JsonElement list, string field, RowErrors errors)
    {
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            errors.Add(field, $"must be a non-empty list of messages, got {Describe(list)}");
            return null;
        }
        var errorsBefore = errors.Count;
        var turns = new List<ChatTurn>();
        var index = 0;
        foreach (var message in list.EnumerateArray())
        {
            var path = $"{field}[{index++}]";
            if (message.ValueKind != JsonValueKind.Object)
            {
                errors.Add(path, $"must be an object with \"{roleKey}\" and \"{contentKey}\", got {JsonFields.KindName(message.ValueKind)}");
                continue;
            }
            var role = JsonFields.RequiredString(message, roleKey, errors.Under(path));
            var content = JsonFields.RequiredString(message, contentKey, errors.Under(path));
            if (role is not null && !roles.ContainsKey(role))
            {
                errors.Add($"{path}.{roleKey}", $"unknown role \"{role}\"; accepted: {AcceptedRoles}");
            }
            else if (role is not null && content is not null)
            {
                turns.Add(new ChatTurn(roles[role], content));
            }
        }
        return errors.Count > errorsBefore ? null : turns;
    }

    private static string Describe(JsonElement list) =>
        list.ValueKind == JsonValueKind.Array ? "an empty list" : JsonFields.KindName(list.ValueKind);
}
