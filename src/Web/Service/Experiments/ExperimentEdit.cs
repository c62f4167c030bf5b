namespace Forgetless.Web.Service.Experiments;

/// <summary>A change to an experiment's tags, notes and/or name; a null field stays as it is.</summary>
public sealed record ExperimentEdit(string? Tags, string? Notes, string? Name = null);
