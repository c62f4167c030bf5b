namespace Forgetless.Data.Entities;

/// <summary>Where a library model came from.</summary>
public enum ModelKind
{
    /// <summary>Built in: made from scratch by the engine (e.g. "tiny"); no folder.</summary>
    Preset,

    /// <summary>An uploaded Hugging Face folder (config.json + model.safetensors + tokenizer files).</summary>
    HuggingFace,

    /// <summary>A llama2.c model.bin + tokenizer.bin pair, imported into a Hugging Face folder.</summary>
    Llama2cImport,
}
