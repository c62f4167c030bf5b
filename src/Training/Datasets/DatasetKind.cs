namespace Forgetless.Training.Datasets;

/// <summary>What a dataset trains: supervised responses or preference pairs.</summary>
public enum DatasetKind
{
    Sft,
    Preference,
}
