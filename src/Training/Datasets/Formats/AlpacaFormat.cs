using System.Text.Json;

namespace Forgetless.Training.Datasets.Formats;

/// <summary>
/// Stanford Alpaca rows: the prompt is [system?] + user(instruction, then "\n\n" + input when there is one);
/// the response is <c>output</c>, verbatim. A missing or null <c>input</c>/<c>system</c> reads as empty.
/// </summary>
internal sealed class AlpacaFormat : IRowFormat
{
    public DatasetFormat Format => DatasetFormat.Alpaca;

    public DatasetRow? Convert(JsonElement row, int line, RowErrors errors)
    {
        var instruction = JsonFields.NonEmptyString(row, "instruction", errors);
        var input = JsonFields.OptionalString(row, "input", errors);
        var output = JsonFields.NonEmptyString(row, "output", errors);
        var system = JsonFields.OptionalString(row, "system", errors);
        if (errors.Any || instruction is null || output is null)
        {
            return null;
        }
        var user = string.IsNullOrWhiteSpace(input) ? instruction : $"{instruction}\n\n{input}";
        List<ChatTurn> turns = string.IsNullOrWhiteSpace(system)
            ? [new ChatTurn("user", user)]
            : [new ChatTurn("system", system), new ChatTurn("user", user)];
        return new DatasetRow(line, new SftExample(Prompt.FromTurns(turns), output), null);
    }
}
