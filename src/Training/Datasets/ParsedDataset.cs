namespace Forgetless.Training.Datasets;

/// <summary>A whole file read into memory. When the report rejects the file, both lists are empty.</summary>
public sealed record ParsedDataset(
    ParseReport Report,
    IReadOnlyList<SftExample> Sft,
    IReadOnlyList<PreferenceExample> Preference)
{
    public bool IsAccepted => Report.IsAccepted;

    public int Count => Sft.Count + Preference.Count;
}
