using System.Text.Json;

namespace Forgetless.Training.Datasets.Formats;

/// <summary>
/// <c>prompt</c>/<c>chosen</c>/<c>rejected</c> rows. Strings are kept verbatim (HH responses start with a space).
/// Message-list responses (e.g. UltraFeedback, where chosen = [user, assistant]) give their last assistant
/// message; the messages before it must be the same in chosen and rejected.
/// </summary>
internal sealed class PromptChosenRejectedFormat : IRowFormat
{
    public DatasetFormat Format => DatasetFormat.PromptChosenRejected;

    public DatasetRow? Convert(JsonElement row, int line, RowErrors errors)
    {
        var prompt = PreferenceParts.ReadPrompt(row, "prompt", errors);
        var chosen = PreferenceParts.ReadResponse(row, "chosen", errors);
        var rejected = PreferenceParts.ReadResponse(row, "rejected", errors);
        if (prompt is null || chosen is null || rejected is null)
        {
            return null;
        }
        if (!chosen.Before.SequenceEqual(rejected.Before))
        {
            errors.Add("rejected", "the messages before its response differ from those in \"chosen\"");
            return null;
        }
        return PairChecks.Distinct(chosen.Text, rejected.Text, errors)
            ? new DatasetRow(line, null, new PreferenceExample(prompt, chosen.Text, rejected.Text))
            : null;
    }
}
