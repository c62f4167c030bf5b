namespace Forgetless.Training.Datasets;

/// <summary>A normalised supervised example: every SFT format converts into this once, at upload.</summary>
public sealed record SftExample(Prompt Prompt, string Response);
