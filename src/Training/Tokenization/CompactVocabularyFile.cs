using System.Text.Json.Serialization;

namespace Forgetless.Training.Tokenization;

/// <summary>The JSON shape of a compact vocabulary, carried next to a checkpoint.</summary>
internal sealed record CompactVocabularyFile(
    [property: JsonPropertyName("base")] string Base,
    [property: JsonPropertyName("unk_id")] int UnknownId,
    [property: JsonPropertyName("base_ids")] int[] BaseIds);
