using Forgetless.Training.Model;
using Entities = Forgetless.Data.Entities;

namespace Forgetless.Web.Service.Models;

/// <summary>
/// The built-in models: the engine's presets, made from scratch with a vocabulary built from the experiment's data.
/// Their parameter count leaves out the vocabulary-sized matrices, which depend on that data.
/// </summary>
public static class PresetModels
{
    public const string Author = "forgetless";

    public static IEnumerable<Entities.Model> All() => LlamaPresets.Names.Select(name => new Entities.Model
    {
        Name = name, Kind = Entities.ModelKind.Preset, Architecture = "LlamaForCausalLM",
        ParameterCount = NonEmbeddingParameters(LlamaPresets.ByName(name, vocabSize: 1)), UploadedBy = Author, UploadedAt = DateTime.UnixEpoch,
    });

    /// <summary>Per layer: q and o (H·H each), k and v (H·kvDim each), gate/up/down (3·H·I), two norms (2·H); plus the final norm.</summary>
    public static long NonEmbeddingParameters(LlamaConfig c)
    {
        long h = c.HiddenSize, kv = (long)c.KeyValueHeads * c.HeadDim;
        var attention = 2 * h * h + 2 * h * kv + (c.QueryKeyValueBias ? h + 2 * kv : 0);
        return c.NumHiddenLayers * (attention + 3 * h * c.IntermediateSize + 2 * h) + h;
    }
}
