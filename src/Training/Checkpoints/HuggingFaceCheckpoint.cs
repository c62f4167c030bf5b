using Forgetless.Training.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Training.Checkpoints;

/// <summary>
/// Loads and saves Hugging Face model folders: config.json, model.safetensors (or a sharded index) and the
/// tokenizer files, in the layout transformers' <c>from_pretrained</c> reads.
/// </summary>
public static class HuggingFaceCheckpoint
{
    /// <param name="chatTemplate">A template name; null picks the architecture's default.</param>
    public static PretrainedModel Load(string folder, string? chatTemplate = null)
    {
        var configPath = Path.Combine(folder, "config.json");
        if (!File.Exists(configPath)) throw new FileNotFoundException($"{folder} has no config.json; is it a Hugging Face model folder?", configPath);
        if (chatTemplate is not null) PromptTemplates.ByName(chatTemplate); // fail on a bad name before loading weights
        var configJson = File.ReadAllText(configPath);
        var architecture = CausalLMArchitectures.FromConfig(configJson, configPath);
        var tokenizer = TokenizerFiles.Load(folder);
        var model = architecture.Create(configJson);
        try
        {
            CheckpointWeights.Load(model, folder, architecture.OptionalKey, architecture.IgnorableKey, architecture.BasePrefix);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        var template = PromptTemplates.ByName(chatTemplate ?? architecture.DefaultTemplate(model)).Name;
        return new PretrainedModel(model, architecture, tokenizer, template, folder);
    }

    /// <summary>Writes config.json, model.safetensors and the tokenizer files (copied from the source folder).</summary>
    public static void Save(PretrainedModel pretrained, string folder)
    {
        Directory.CreateDirectory(folder);
        SaveModel(pretrained.Model, pretrained.Architecture, folder);
        if (pretrained.SourceFolder is { } source && Path.GetFullPath(source) != Path.GetFullPath(folder))
            foreach (var name in TokenizerFiles.Names.Where(n => File.Exists(Path.Combine(source, n))))
                File.Copy(Path.Combine(source, name), Path.Combine(folder, name), overwrite: true);
        else if (pretrained.SourceFolder is null && pretrained.Tokenizer is SentencePieceBpeTokenizer sentencePiece)
            TokenizerFiles.Save(sentencePiece, folder, CausalLMArchitecture.AsCausal(pretrained.Model).MaxPositions);
    }

    /// <summary>Writes config.json and model.safetensors only.</summary>
    public static void SaveModel(nn.Module<Tensor, Tensor> model, CausalLMArchitecture architecture, string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), architecture.ConfigJson(model));
        CheckpointWeights.Save(model, folder);
    }
}
