namespace Forgetless.Training.Datasets;

/// <summary>A normalised preference pair: one prompt, the preferred and the dispreferred response.</summary>
public sealed record PreferenceExample(Prompt Prompt, string Chosen, string Rejected);
