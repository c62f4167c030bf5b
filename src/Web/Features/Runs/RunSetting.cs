namespace Forgetless.Web.Features.Runs;

/// <summary>One line of a run's settings as the run page shows it: a label, a value in words, a link where the value is a page.</summary>
public sealed record RunSetting(string Label, string Value, string? Href = null);
