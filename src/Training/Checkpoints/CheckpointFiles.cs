using System.Text.Json.Nodes;

namespace Forgetless.Training.Checkpoints;

/// <summary>Which safetensors file holds each tensor of a Hugging Face folder (single file or sharded index).</summary>
public static class CheckpointFiles
{
    public const string SingleFile = "model.safetensors";
    public const string Index = "model.safetensors.index.json";

    public static IReadOnlyDictionary<string, string> WeightMap(string folder)
    {
        var single = Path.Combine(folder, SingleFile);
        if (File.Exists(single)) return SafetensorsHeader.Read(single).Keys.ToDictionary(k => k, _ => single, StringComparer.Ordinal);
        var index = Path.Combine(folder, Index);
        if (!File.Exists(index))
            throw new FileNotFoundException($"{folder} has neither {SingleFile} nor {Index} (only safetensors checkpoints are supported).");
        var map = JsonNode.Parse(File.ReadAllText(index))?["weight_map"] as JsonObject
            ?? throw new InvalidDataException($"{index}: no \"weight_map\" object.");
        return map.ToDictionary(p => p.Key, p => Path.Combine(folder, (string?)p.Value ?? throw new InvalidDataException($"{index}: weight_map[\"{p.Key}\"] is not a file name.")), StringComparer.Ordinal);
    }
}
