namespace Forgetless.Data.Entities;

/// <summary>What a dataset trains: supervised responses (SFT) or preference pairs (DPO).</summary>
public enum DatasetKind
{
    Sft = 0,
    Preference = 1,
}
