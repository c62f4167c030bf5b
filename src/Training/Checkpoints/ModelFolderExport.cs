using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Forgetless.Training.Model;
using Forgetless.Training.Tokenization;
using TorchSharp.PyBridge;

namespace Forgetless.Training.Checkpoints;

/// <summary>
/// Makes a run's checkpoint folder a Hugging Face model folder that others load: config.json with the tokenizer's
/// special ids, generation_config.json, the tokenizer (the pretrained source's files, or a tokenizer.json of the
/// compact vocabulary) and, for LoRA, the merged weights. <see cref="Zip"/> packs it so that the root is the model
/// (<c>AutoModelForCausalLM</c>, <c>AutoTokenizer</c>) and LoRA adapters sit in <c>adapter/</c> (PEFT layout): at
/// the root, adapter_config.json would make transformers (with peft installed) load the adapter's base instead.
/// </summary>
public static class ModelFolderExport
{
    public const string AdapterFolder = "adapter";
    private static readonly string[] AdapterFiles = ["adapter_config.json", "adapter_model.safetensors"];

    /// <param name="tokenizerSource">The pretrained folder whose tokenizer files are copied; null for a compact vocabulary.</param>
    /// <param name="writeWeights">True when the folder's model.safetensors is not already the model (LoRA: write it merged).</param>
    public static void Write(string folder, LlamaForCausalLM model, ITokenizer tokenizer, string? tokenizerSource, bool writeWeights)
    {
        var architecture = model.Config.QueryKeyValueBias ? CausalLMArchitectures.Qwen2 : CausalLMArchitectures.Llama;
        var config = JsonNode.Parse(architecture.ConfigJson(model))!.AsObject();
        var ids = SpecialIds(tokenizer);
        foreach (var (name, id) in ids) config[name] = id;
        File.WriteAllText(Path.Combine(folder, "config.json"), config.ToJsonString(Indented));
        GenerationConfigFile.Write(folder, tokenizer.BosId, tokenizer.EosId, tokenizer.PadId);
        if (writeWeights) model.save_safetensors(Path.Combine(folder, CheckpointFiles.SingleFile));
        WriteTokenizer(folder, tokenizer, tokenizerSource, model.Config.MaxPositionEmbeddings);
    }

    /// <summary>The folder as a zip: the model at the root, LoRA adapter files under adapter/.</summary>
    public static void Zip(string folder, string zipPath)
    {
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            var entry = AdapterFiles.Contains(relative) ? $"{AdapterFolder}/{relative}" : relative;
            zip.CreateEntryFromFile(file, entry, CompressionLevel.Fastest);
        }
    }

    private static (string Name, int? Id)[] SpecialIds(ITokenizer tokenizer) =>
        [("bos_token_id", tokenizer.BosId), ("eos_token_id", tokenizer.EosId), ("pad_token_id", tokenizer.PadId)];

    private static void WriteTokenizer(string folder, ITokenizer tokenizer, string? source, int maxLength)
    {
        if (source is not null)
        {
            foreach (var name in TokenizerFiles.Names.Where(n => File.Exists(Path.Combine(source, n))))
                File.Copy(Path.Combine(source, name), Path.Combine(folder, name), overwrite: true);
            return;
        }
        switch (tokenizer)
        {
            case CompactVocabularyTokenizer compact: CompactVocabularyTokenizerJson.Write(compact, folder, maxLength); break;
            case SentencePieceBpeTokenizer sentencePiece: TokenizerFiles.Save(sentencePiece, folder, maxLength); break;
            default: throw new NotSupportedException($"No Hugging Face tokenizer file can be written for '{tokenizer.Name}'.");
        }
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
