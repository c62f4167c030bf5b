using System.Text.Json;

namespace Forgetless.Training.Datasets.Formats;

/// <summary>Reads typed fields from a row and reports what is wrong with them.</summary>
internal static class JsonFields
{
    public const string NonEmpty = "must be a non-empty string";

    public static string? RequiredString(JsonElement row, string name, RowErrors errors)
    {
        if (!row.TryGetProperty(name, out var value))
        {
            errors.Add(name, "is missing");
            return null;
        }
        return AsString(value, name, errors);
    }

    /// <summary>A string that must hold more than whitespace; returned verbatim, never trimmed.</summary>
    public static string? NonEmptyString(JsonElement row, string name, RowErrors errors) =>
        RequiredString(row, name, errors) is { } text ? NotBlank(text, name, errors) : null;

    /// <summary>An optional string: missing or null reads as "".</summary>
    public static string OptionalString(JsonElement row, string name, RowErrors errors) =>
        row.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? AsString(value, name, errors) ?? ""
            : "";

    public static string? AsString(JsonElement value, string name, RowErrors errors)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return Text(value, name, errors);
        }
        errors.Add(name, $"must be a string, got {KindName(value.ValueKind)}");
        return null;
    }

    /// <summary>
    /// A JSON string's text, or null (with the error) when it cannot be text: an escape such as "\ud800" that leaves a
    /// lone UTF-16 surrogate, or a control character other than tab and line breaks.
    /// </summary>
    public static string? Text(JsonElement value, string name, RowErrors errors)
    {
        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            errors.Add(name, "holds a lone UTF-16 surrogate escape (such as \\ud800 without its pair)");
            return null;
        }

        if (TextChecks.Problem(text, allowLineBreaks: true) is { } problem)
        {
            errors.Add(name, problem);
            return null;
        }

        return text;
    }

    public static string? NotBlank(string text, string name, RowErrors errors)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            return text;
        }
        errors.Add(name, NonEmpty);
        return null;
    }

    public static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
