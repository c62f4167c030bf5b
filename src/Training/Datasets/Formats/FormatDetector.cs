using System.Text.Json;

namespace Forgetless.Training.Datasets.Formats;

/// <summary>Decides a file's format from the field names of its first JSON object row.</summary>
internal static class FormatDetector
{
    public static IRowFormat? Detect(JsonElement row)
    {
        bool Has(string name) => row.TryGetProperty(name, out _);

        if (Has("messages"))
        {
            return ConversationFormat.OpenAi;
        }
        if (Has("conversations"))
        {
            return ConversationFormat.ShareGpt;
        }
        if (Has("instruction") || Has("output"))
        {
            return new AlpacaFormat();
        }
        if (Has("chosen") || Has("rejected"))
        {
            return Has("prompt") ? new PromptChosenRejectedFormat() : new HhRawFormat();
        }
        return Has("completion") ? new PromptCompletionFormat() : null;
    }

    public static string UnknownFormatMessage(JsonElement row)
    {
        var seen = row.EnumerateObject().Select(p => $"\"{p.Name}\"").Take(12).ToList();
        var fields = seen.Count == 0 ? "none" : string.Join(", ", seen);
        var accepted = string.Join("; ", DatasetFormat.All.Select(f => $"{f.Name} ({f.Fields})"));
        return $"unknown format: fields seen: {fields}; accepted formats: {accepted}";
    }
}
