using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Forgetless.Training.Batches;
using Forgetless.Training.Checkpoints;
using Forgetless.Training.Model;
using Forgetless.Training.Running.Experiments;
using Forgetless.Training.Tests.Running;
using Forgetless.Training.Tokenization;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Forgetless.Training.Tests.Checkpoints;

/// <summary>
/// A run's last checkpoint is a Hugging Face folder others load: weights, config.json and generation_config.json with
/// the special ids, and a tokenizer.json of the compact vocabulary; a LoRA run's holds the merged model, and its zip
/// the PEFT adapters under adapter/. With FORGETLESS_PARITY_EXPORT=DIR the folders are kept in DIR/demo-full and
/// DIR/demo-lora with forgetless-logits.safetensors, for `tools/make_parity_fixtures.py --check-export DIR`.
/// </summary>
public class ModelFolderExportTests
{
    private static readonly LoraSpec Lora = new() { Rank = 4, Alpha = 16, Dropout = 0.0, TargetModules = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"] };

    private static (string Checkpoint, string FinalModel, TinyExperiment Setup) Train(bool lora, string? model = null)
    {
        var setup = new TinyExperiment(steps: 4);
        var spec = setup.Spec with { CheckpointInterval = 100, Lora = lora ? Lora : null, Model = model ?? setup.Spec.Model };
        var runDirectory = Path.Combine(setup.Directory, "runs", lora ? "lora" : "full");
        var result = RunExecutor.Execute(spec, new RunSpec(RunSpec.SftOnly, null), new RunContext(setup.Directory, runDirectory, new CollectingSink()));
        return (Directory.GetDirectories(Path.Combine(runDirectory, "checkpoints")).Single(), result.FinalModelPath!, setup);
    }

    /// <summary>A pretrained start (stories260K imported from llama2.c) exports its own tokenizer files and BOS/EOS ids.</summary>
    [SkippableFact]
    public void A_lora_run_on_imported_stories260K_exports_the_merged_model_with_its_tokenizer_and_ids()
    {
        Stories260KFiles.SkipUnlessStories260K();
        var (checkpoint, finalModel, setup) = Train(lora: true, $"{PretrainedSource.Llama2cPrefix}{Stories260KFiles.Stories260KModel};{Stories260KFiles.Stories260KTokenizer}");
        using var _ = setup;
        var pretrained = Path.Combine(setup.Directory, "pretrained-model");

        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(checkpoint, "config.json")))!;
        Assert.Equal((1, 2, 512), ((int)config["bos_token_id"]!, (int)config["eos_token_id"]!, (int)config["vocab_size"]!));
        Assert.Equal(File.ReadAllText(Path.Combine(pretrained, "tokenizer.json")), File.ReadAllText(Path.Combine(checkpoint, "tokenizer.json")));
        Assert.Equal([1, 2, 0], TokenizerFiles.Load(checkpoint).Encode("<s></s><unk>"));
        using var exported = new LlamaForCausalLM(LlamaConfig.FromJson(File.ReadAllText(Path.Combine(checkpoint, "config.json"))));
        CheckpointWeights.Load(exported, checkpoint, CausalLMArchitectures.Llama.OptionalKey, CausalLMArchitectures.Llama.IgnorableKey);
        using var final = new LlamaForCausalLM(PretrainedSource.LlamaConfigOf(pretrained));
        final.load_safetensors(finalModel);
        var (ids, logits) = Logits(exported, setup, pretrained);
        Assert.True(logits.allclose(Logits(final, setup, pretrained).Logits, rtol: 1e-5, atol: 1e-6));
        KeepForTheOracle(checkpoint, "stories260k-lora", ids, logits, setup: null);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_last_checkpoint_loads_as_a_llama_with_the_final_weights_and_the_special_ids(bool lora)
    {
        var (checkpoint, finalModel, setup) = Train(lora);
        using var _ = setup;
        var tokenizer = setup.Data.Tokenizer;

        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(checkpoint, "config.json")))!;
        var generation = JsonNode.Parse(File.ReadAllText(Path.Combine(checkpoint, "generation_config.json")))!;
        Assert.Equal(("LlamaForCausalLM", tokenizer.VocabSize), ((string?)config["architectures"]![0], (int)config["vocab_size"]!));
        Assert.Equal((0, 0, null), ((int)config["eos_token_id"]!, (int)config["pad_token_id"]!, config["bos_token_id"])); // GPT-2 has no BOS
        Assert.Equal((0, 0), ((int)generation["eos_token_id"]!, (int)generation["pad_token_id"]!));
        using var exported = new LlamaForCausalLM(LlamaConfig.FromJson(File.ReadAllText(Path.Combine(checkpoint, "config.json"))));
        CheckpointWeights.Load(exported, checkpoint, CausalLMArchitectures.Llama.OptionalKey, CausalLMArchitectures.Llama.IgnorableKey);
        using var final = new LlamaForCausalLM(setup.Data.ModelConfig);
        final.load_safetensors(finalModel);
        var (ids, logits) = Logits(exported, setup);
        var (_, finalLogits) = Logits(final, setup);
        Assert.True(logits.allclose(finalLogits, rtol: 1e-5, atol: 1e-6)); // LoRA: the merged weights, not the base
        KeepForTheOracle(checkpoint, lora ? "demo-lora" : "demo-full", ids, logits, setup);
    }

    /// <summary>Each compact id's token in tokenizer.json is GPT-2's own token of the base id (the real tokenizer.json's spelling).</summary>
    [SkippableFact]
    public void The_tokenizer_json_spells_each_compact_id_as_gpt2s_tokenizer_json_does()
    {
        SharedData.SkipIfAbsent("data", "tokenizers", "gpt2", "tokenizer.json");
        var (checkpoint, _, setup) = Train(lora: false);
        using var _ = setup;
        var compact = (CompactVocabularyTokenizer)setup.Data.Tokenizer;
        var gpt2Vocab = JsonNode.Parse(File.ReadAllText(SharedData.PathTo("data", "tokenizers", "gpt2", "tokenizer.json")))!["model"]!["vocab"]!.AsObject()
            .ToDictionary(p => (int)p.Value!, p => p.Key);

        var exported = JsonNode.Parse(File.ReadAllText(Path.Combine(checkpoint, "tokenizer.json")))!;
        var vocab = exported["model"]!["vocab"]!.AsObject().ToDictionary(p => (int)p.Value!, p => p.Key);

        Assert.Equal(compact.VocabSize, vocab.Count);
        Assert.Equal(("<|endoftext|>", "<unk>"), (vocab[0], vocab[1]));
        Assert.All(Enumerable.Range(2, compact.VocabSize - 2), id => Assert.Equal(gpt2Vocab[compact.BaseIds[id]], vocab[id]));
        Assert.Equal([0, 1], exported["added_tokens"]!.AsArray().Select(t => (int)t!["id"]!));
        var tokenizerConfig = JsonNode.Parse(File.ReadAllText(Path.Combine(checkpoint, "tokenizer_config.json")))!;
        Assert.Equal(("<|endoftext|>", "<|endoftext|>", "<unk>"), ((string?)tokenizerConfig["eos_token"], (string?)tokenizerConfig["pad_token"], (string?)tokenizerConfig["unk_token"]));
    }

    /// <summary>Round trip: the exported folder's tokenizer, loaded back by Forgetless, encodes the corpus as the compact vocabulary did.</summary>
    [Fact]
    public void The_exported_tokenizer_loaded_back_encodes_the_corpus_as_training_did()
    {
        var (checkpoint, _, setup) = Train(lora: false);
        using var _ = setup;
        var texts = ExampleTokenizer.EncodedTexts(setup.Data.Template, [], setup.Data.Preferences).Distinct().ToList();

        var loaded = TokenizerFiles.Load(checkpoint);

        Assert.Equal((0, 0, null), (loaded.EosId, loaded.PadId, loaded.BosId));
        Assert.All(texts, text => Assert.Equal(setup.Data.Tokenizer.Encode(text), loaded.Encode(text)));
        Assert.All(texts, text => Assert.Equal(text, loaded.Decode(loaded.Encode(text))));
    }

    [Fact]
    public void A_lora_checkpoint_zips_as_the_merged_model_with_the_peft_adapters_under_adapter()
    {
        var (checkpoint, _, setup) = Train(lora: true);
        using var _ = setup;
        var zipPath = Path.Combine(setup.Directory, "export.zip");

        ModelFolderExport.Zip(checkpoint, zipPath);

        using var zip = ZipFile.OpenRead(zipPath);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Superset(new HashSet<string> { "config.json", "generation_config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
            "adapter/adapter_config.json", "adapter/adapter_model.safetensors" }, names);
        Assert.DoesNotContain("adapter_config.json", names); // at the root it would make transformers load the adapter's base instead
        using var reader = new StreamReader(zip.GetEntry("adapter/adapter_config.json")!.Open());
        var adapterConfig = JsonNode.Parse(reader.ReadToEnd())!;
        Assert.Equal(("tiny", "LORA", 4), ((string?)adapterConfig["base_model_name_or_path"], (string?)adapterConfig["peft_type"], (int)adapterConfig["r"]!));
        var adapterKeys = SafetensorsHeader.Read(Path.Combine(checkpoint, "adapter_model.safetensors")).Keys;
        Assert.Contains("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight", adapterKeys);
        Assert.Equal(2 * 7 * setup.Data.ModelConfig.NumHiddenLayers, adapterKeys.Count());
    }

    /// <param name="tokenizerFolder">Where the ids come from: the compact vocabulary of the demo data, or a pretrained folder's tokenizer.</param>
    private static (Tensor Ids, Tensor Logits) Logits(LlamaForCausalLM model, TinyExperiment setup, string? tokenizerFolder = null)
    {
        model.eval();
        using var noGrad = no_grad();
        var tokenizer = tokenizerFolder is null ? setup.Data.Tokenizer : TokenizerFiles.Load(tokenizerFolder);
        var texts = setup.Data.Preferences.Take(2).Select(p => setup.Data.Template.Render(p.Prompt));
        var ids = tensor(texts.SelectMany(t => tokenizer.Encode(t).Take(12).Select(i => (long)i)).ToArray()).reshape(2, 12);
        return (ids, model.forward(ids));
    }

    private static void KeepForTheOracle(string checkpoint, string name, Tensor ids, Tensor logits, TinyExperiment? setup)
    {
        if (Environment.GetEnvironmentVariable("FORGETLESS_PARITY_EXPORT") is not { } keep) return;
        var target = Path.Combine(keep, name);
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(checkpoint).Where(f => !Path.GetFileName(f).StartsWith("adapter_", StringComparison.Ordinal)))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        Safetensors.SaveStateDict(Path.Combine(target, "forgetless-logits.safetensors"), new Dictionary<string, Tensor> { ["input_ids"] = ids, ["logits"] = logits });
        // The corpus texts with Forgetless' compact ids, for tools/tokenizer-fixtures/check_exported_tokenizer.mjs.
        if (setup is null) return;
        var texts = ExampleTokenizer.EncodedTexts(setup.Data.Template, [], setup.Data.Preferences).Distinct();
        var cases = texts.Select((text, i) => new { name = $"corpus-{i}", text, ids = setup.Data.Tokenizer.Encode(text) });
        File.WriteAllText(Path.Combine(target, "forgetless-token-ids.json"), JsonSerializer.Serialize(new { cases }));
    }
}
