using Forgetless.Data.Entities;

namespace Forgetless.Web.Service.Models;

/// <summary>
/// A library model as lists, the picker and the API show it. <see cref="EngineModel"/> is what an experiment's spec
/// names: the preset's name, or the stored folder relative to the data directory.
/// </summary>
public sealed record ModelSummary(
    int Id,
    string Name,
    ModelKind Kind,
    string Architecture,
    long ParameterCount,
    int? VocabSize,
    long SizeBytes,
    string? ContentHash,
    string EngineModel,
    string UploadedBy,
    DateTime UploadedAt)
{
    public bool BuiltIn => Kind == ModelKind.Preset;

    public static ModelSummary From(Model m) => new(
        m.Id, m.Name, m.Kind, m.Architecture, m.ParameterCount, m.VocabSize, m.SizeBytes, m.ContentHash, EngineModelOf(m), m.UploadedBy, m.UploadedAt);

    public static string EngineModelOf(Model m) => m.StoredFolder ?? m.Name;
}
