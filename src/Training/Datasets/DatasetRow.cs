namespace Forgetless.Training.Datasets;

/// <summary>One good row of a file, with its line; exactly one of the two examples is set.</summary>
public sealed record DatasetRow(int Line, SftExample? Sft, PreferenceExample? Preference)
{
    public DatasetKind Kind => Sft is not null ? DatasetKind.Sft : DatasetKind.Preference;
}
