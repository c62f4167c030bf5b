namespace Forgetless.Data.Entities;

/// <summary>
/// A model experiments can start from: a built-in preset, or an imported Hugging Face folder kept beside the
/// database (<see cref="StoredFolder"/> is relative to the data directory, e.g. "models/3f…a1"), never inside it.
/// </summary>
public sealed class Model
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public ModelKind Kind { get; set; }

    /// <summary>The Hugging Face architecture ("LlamaForCausalLM"); for presets, the one the engine builds.</summary>
    public required string Architecture { get; set; }

    /// <summary>Trainable parameters; for a preset, those that do not depend on the vocabulary built from the data.</summary>
    public long ParameterCount { get; set; }

    /// <summary>Null for presets, whose vocabulary is built from the experiment's data.</summary>
    public int? VocabSize { get; set; }

    /// <summary>Relative to the data directory; null for presets.</summary>
    public string? StoredFolder { get; set; }

    /// <summary>Lower-case hex SHA-256 of the uploaded bytes; null for presets.</summary>
    public string? ContentHash { get; set; }

    public long SizeBytes { get; set; }

    public required string UploadedBy { get; set; }

    public DateTime UploadedAt { get; set; }
}
