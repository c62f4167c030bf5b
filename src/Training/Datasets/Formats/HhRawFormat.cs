using System.Text.Json;

namespace Forgetless.Training.Datasets.Formats;

/// <summary>HH-RLHF's original rows: only <c>chosen</c> and <c>rejected</c>, each a whole transcript.</summary>
internal sealed class HhRawFormat : IRowFormat
{
    public DatasetFormat Format => DatasetFormat.HhRlhfRaw;

    public DatasetRow? Convert(JsonElement row, int line, RowErrors errors)
    {
        var chosen = JsonFields.NonEmptyString(row, "chosen", errors);
        var rejected = JsonFields.NonEmptyString(row, "rejected", errors);
        if (chosen is null || rejected is null)
        {
            return null;
        }
        return HhTranscriptSplitter.Split(chosen, rejected, errors) is { } example
            ? new DatasetRow(line, null, example)
            : null;
    }
}
