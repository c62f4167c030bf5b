using System.Text.Json.Nodes;
using Forgetless.Training.Checkpoints;
using Forgetless.Training.Generation;

namespace Forgetless.Training.Tests.Checkpoints;

public class Llama2cImportTests : IDisposable
{
    /// <summary>llama2.c's test_all.py expected_stdout: run.c, stories260K, temperature 0, 200 steps.</summary>
    public const string ExpectedGreedyText =
        "Once upon a time, there was a little girl named Lily. She loved to play outside in the park. One day, she saw a big, red ball. She wanted to play with it, but it was too high.\n" +
        "Lily's mom said, \"Lily, let's go to the park.\" Lily was sad and didn't know what to do. She said, \"I want to play with your ball, but I can't find it.\"\n" +
        "Lily was sad and didn't know what to do. She said, \"I'm sorry, Lily. I didn't know what to do.\"\n" +
        "Lily didn't want to help her mom, so she";

    private readonly string folder = Directory.CreateTempSubdirectory("forgetless-import-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void Greedy_decoding_of_the_imported_stories260K_reproduces_llama2c_for_200_steps(bool useCache)
    {
        Stories260KFiles.SkipUnlessStories260K();
        Llama2cImport.Run(Stories260KFiles.Stories260KModel, Stories260KFiles.Stories260KTokenizer, folder);
        using var pretrained = HuggingFaceCheckpoint.Load(folder);

        // llama2.c: start from BOS, 200 positions, stop early only at BOS.
        var options = GenerationOptions.Greedy(200, stopTokenIds: 1) with { UseKeyValueCache = useCache };
        var tokens = TextGenerator.Generate(pretrained.Causal, [1], options);

        Assert.Equal(ExpectedGreedyText, pretrained.Tokenizer.Decode(tokens));
    }

    [SkippableFact]
    public void The_imported_folder_is_a_tied_hugging_face_llama_with_its_tokenizer()
    {
        Stories260KFiles.SkipUnlessStories260K();
        Llama2cImport.Run(Stories260KFiles.Stories260KModel, Stories260KFiles.Stories260KTokenizer, folder);

        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!;
        Assert.Equal("LlamaForCausalLM", (string?)config["architectures"]![0]);
        Assert.True((bool)config["tie_word_embeddings"]!);
        Assert.Equal((64, 172, 5, 8, 4, 512), ((int)config["hidden_size"]!, (int)config["intermediate_size"]!, (int)config["num_hidden_layers"]!,
            (int)config["num_attention_heads"]!, (int)config["num_key_value_heads"]!, (int)config["vocab_size"]!));
        var header = SafetensorsHeader.Read(Path.Combine(folder, "model.safetensors"));
        Assert.Equal(2 + 5 * 9, header.Count); // embed + final norm + 9 tensors per layer, no lm_head
        Assert.Equal([32, 64], header["model.layers.0.self_attn.k_proj.weight"].Shape);
        Assert.True(File.Exists(Path.Combine(folder, "tokenizer.json")));
        Assert.True(File.Exists(Path.Combine(folder, "tokenizer_config.json")));
    }
}
