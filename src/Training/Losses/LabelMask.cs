namespace Forgetless.Training.Losses;

/// <summary>The label value that marks a position as not trained (prompt and padding), as in Hugging Face.</summary>
public static class LabelMask
{
    public const long Ignore = -100;
}
