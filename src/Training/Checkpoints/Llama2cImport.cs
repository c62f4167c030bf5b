using Forgetless.Training.Tokenization;
using TorchSharp.PyBridge;

namespace Forgetless.Training.Checkpoints;

/// <summary>
/// Turns a llama2.c model (legacy .bin) and its tokenizer.bin into a Hugging Face Llama folder: config.json,
/// generation_config.json, model.safetensors and a tokenizer.json (BPE with byte fallback) that both Forgetless and transformers load.
/// </summary>
public static class Llama2cImport
{
    public static void Run(string modelPath, string tokenizerPath, string outputFolder)
    {
        var (config, weights) = Llama2cCheckpoint.Read(modelPath);
        try
        {
            var tokenizer = Llama2cTokenizerFile.Read(tokenizerPath, config.VocabSize);
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
}
