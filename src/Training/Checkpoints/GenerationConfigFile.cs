using System.Text.Json.Nodes;

namespace Forgetless.Training.Checkpoints;

/// <summary>
/// generation_config.json, which transformers' <c>generate</c> reads for the special ids (it does not fall back to
/// config.json's when the file is there); ids that are null are left out.
/// </summary>
public static class GenerationConfigFile
{
    public const string FileName = "generation_config.json";

    public static void Write(string folder, int? bosTokenId, int? eosTokenId, int? padTokenId)
    {
        var json = new JsonObject { ["_from_model_config"] = true };
        foreach (var (name, id) in new[] { ("bos_token_id", bosTokenId), ("eos_token_id", eosTokenId), ("pad_token_id", padTokenId) })
            if (id is not null) json[name] = id;
        File.WriteAllText(Path.Combine(folder, FileName), json.ToJsonString(new() { WriteIndented = true }));
    }
}
