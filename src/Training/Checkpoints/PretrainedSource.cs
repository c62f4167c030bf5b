using Forgetless.Training.Model;

namespace Forgetless.Training.Checkpoints;

/// <summary>
/// An experiment's <c>model</c> field when it names a pretrained model rather than a preset: a Hugging Face folder
/// (Llama or Qwen2, whose shape is a <see cref="LlamaConfig"/>) or <c>llama2c:MODEL.bin;TOKENIZER.bin</c>, imported
/// once into the experiment folder.
/// </summary>
public static class PretrainedSource
{
    public const string Llama2cPrefix = "llama2c:";

    /// <summary>The Hugging Face folder to load, or null when <paramref name="model"/> is a preset name.</summary>
    public static string? TryResolve(string model, string experimentDirectory)
    {
        if (model.StartsWith(Llama2cPrefix, StringComparison.Ordinal))
        {
            var parts = model[Llama2cPrefix.Length..].Split(';');
            if (parts.Length != 2 || parts.Any(p => !File.Exists(p)))
                throw new ArgumentException($"Experiment config field 'model': '{model}' must be llama2c:MODEL.bin;TOKENIZER.bin with both files present.");
            var folder = Path.Combine(experimentDirectory, "pretrained-model");
            if (!File.Exists(Path.Combine(folder, CheckpointFiles.SingleFile))) Llama2cImport.Run(parts[0], parts[1], folder);
            return folder;
        }
        return Directory.Exists(model) && File.Exists(Path.Combine(model, "config.json")) ? model : null;
    }

    public static LlamaConfig LlamaConfigOf(string folder)
    {
        var configJson = File.ReadAllText(Path.Combine(folder, "config.json"));
        var architecture = CausalLMArchitectures.FromConfig(configJson, folder);
        using var probe = architecture.Create(configJson);
        return probe is LlamaForCausalLM llama ? llama.Config
            : throw new NotSupportedException($"Experiment config field 'model': {folder} is a {architecture.Name}; experiments train Llama-family models (Llama, Qwen2) only.");
    }

    /// <summary>θ₀ for every run: the pretrained weights.</summary>
    public static LlamaForCausalLM LoadLlama(string folder, LlamaConfig config)
    {
        var model = new LlamaForCausalLM(config);
        CheckpointWeights.Load(model, folder, CausalLMArchitectures.Llama.OptionalKey, CausalLMArchitectures.Llama.IgnorableKey);
        return model;
    }
}
