using System.Text.Encodings.Web;
using System.Text.Json;

namespace Forgetless.Training.Datasets;

/// <summary>
/// Writes normalised examples as JSON Lines that <see cref="DatasetParser"/> reads back to equal examples:
/// preference pairs as <c>{"prompt","chosen","rejected"}</c>, SFT examples as <c>{"prompt","completion"}</c>.
/// A text prompt is written as a string, a turn prompt as a list of <c>{"role","content"}</c> messages.
/// Non-ASCII text is written as-is.
/// </summary>
public static class DatasetWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void WriteJsonl(Stream output, IEnumerable<PreferenceExample> examples) =>
        WriteLines(output, examples, WriteObject);

    public static void WriteJsonl(Stream output, IEnumerable<SftExample> examples) =>
        WriteLines(output, examples, WriteObject);

    public static string ToJsonLine(PreferenceExample example) => ToLine(example, WriteObject);

    public static string ToJsonLine(SftExample example) => ToLine(example, WriteObject);

    private static void WriteObject(Utf8JsonWriter writer, PreferenceExample example)
    {
        writer.WriteStartObject();
        WritePrompt(writer, example.Prompt);
        writer.WriteString("chosen", example.Chosen);
        writer.WriteString("rejected", example.Rejected);
        writer.WriteEndObject();
    }

    private static void WriteObject(Utf8JsonWriter writer, SftExample example)
    {
        writer.WriteStartObject();
        WritePrompt(writer, example.Prompt);
        writer.WriteString("completion", example.Response);
        writer.WriteEndObject();
    }

    private static void WritePrompt(Utf8JsonWriter writer, Prompt prompt)
    {
        if (prompt.Text is { } text)
        {
            writer.WriteString("prompt", text);
            return;
        }
        writer.WriteStartArray("prompt");
        foreach (var turn in prompt.Turns)
        {
            writer.WriteStartObject();
            writer.WriteString("role", turn.Role);
            writer.WriteString("content", turn.Content);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteLines<T>(Stream output, IEnumerable<T> examples, Action<Utf8JsonWriter, T> write)
    {
        using var writer = new Utf8JsonWriter(output, Options);
        foreach (var example in examples)
        {
            write(writer, example);
            writer.Flush();
            output.WriteByte((byte)'\n');
            writer.Reset();
        }
    }

    private static string ToLine<T>(T example, Action<Utf8JsonWriter, T> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer, example);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
