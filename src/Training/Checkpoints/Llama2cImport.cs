using Forgetless.Training.Tokenization;
using TorchSharp.PyBridge;

namespace Forgetless.Training.Checkpoints;

/// <summary>
/// Turns a llama2.c model (legacy .bin) and its tokenizer.bin into a Hugging Face Llama folder: config.json,
/// generation_config.json, model.safetensors and a tokenizer.json (BPE with byte fallback) that both Forgetless and transformers load.
/// A refusal says when the two files look swapped, or when the tokenizer is not llama2.c's tokenizer.bin at all.
/// </summary>
public static class Llama2cImport
{
    public const string SwappedHint = "did you swap the model and tokenizer files?";

    public static void Run(string modelPath, string tokenizerPath, string outputFolder)
    {
        var (config, weights) = ReadModel(modelPath, tokenizerPath);
        try
        {
            var tokenizer = ReadTokenizer(tokenizerPath, modelPath, config.VocabSize);
            Directory.CreateDirectory(outputFolder);
            Safetensors.SaveStateDict(Path.Combine(outputFolder, CheckpointFiles.SingleFile), weights);
            File.WriteAllText(Path.Combine(outputFolder, "config.json"), config.ToJson());
            GenerationConfigFile.Write(outputFolder, config.BosTokenId, config.EosTokenId, config.PadTokenId);
            TokenizerFiles.Save(tokenizer, outputFolder, config.MaxPositionEmbeddings);
        }
        finally
        {
            foreach (var tensor in weights.Values) tensor.Dispose();
        }
    }

    private static (Model.LlamaConfig, Dictionary<string, TorchSharp.torch.Tensor>) ReadModel(string modelPath, string tokenizerPath)
    {
        try
        {
            return Llama2cCheckpoint.Read(modelPath);
        }
        catch (InvalidDataException e) when (Llama2cTokenizerFile.LooksLikeOne(modelPath))
        {
            throw new InvalidDataException($"{e.Message} The model file is a llama2.c tokenizer{(Llama2cCheckpoint.HasModelHeader(tokenizerPath) ? " and the tokenizer file a model" : "")}: {SwappedHint}", e);
        }
    }

    private static SentencePieceBpeTokenizer ReadTokenizer(string tokenizerPath, string modelPath, int vocabSize)
    {
        try
        {
            return Llama2cTokenizerFile.Read(tokenizerPath, vocabSize);
        }
        catch (InvalidDataException e) when (Llama2cCheckpoint.HasModelHeader(tokenizerPath))
        {
            throw new InvalidDataException($"{e.Message} The tokenizer file is a llama2.c model: {SwappedHint}", e);
        }
        catch (InvalidDataException e) when (!Llama2cTokenizerFile.LooksLikeOne(tokenizerPath))
        {
            throw new InvalidDataException($"{e.Message} It is not a llama2.c tokenizer.bin (llama2.c's export, not tokenizer.model or tokenizer.json); or {SwappedHint}", e);
        }
    }
}
