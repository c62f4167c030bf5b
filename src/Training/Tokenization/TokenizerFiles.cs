using System.Text.Json.Nodes;

namespace Forgetless.Training.Tokenization;

/// <summary>
/// The tokenizer of a Hugging Face model folder: tokenizer.json (SentencePiece-style BPE with byte fallback, or
/// byte-level BPE) or a SentencePiece tokenizer.model. BOS/EOS come from config.json, else tokenizer_config.json.
/// </summary>
public static class TokenizerFiles
{
    /// <summary>The files transformers reads, copied verbatim when a model is exported.</summary>
    public static readonly string[] Names =
        ["tokenizer.json", "tokenizer_config.json", "tokenizer.model", "special_tokens_map.json", "vocab.json", "merges.txt", "added_tokens.json"];

    public static ITokenizer Load(string folder)
    {
        var tokenizerJson = Path.Combine(folder, "tokenizer.json");
        var sentencePieceModel = Path.Combine(folder, "tokenizer.model");
        var (bos, eos) = SpecialIds(folder);
        if (File.Exists(tokenizerJson))
        {
            var model = JsonNode.Parse(File.ReadAllText(tokenizerJson))?["model"];
            if (model?["byte_fallback"]?.GetValue<bool>() == true)
                return SentencePieceTokenizerJson.Read(tokenizerJson, bos, eos ?? throw NoEos(folder));
            return ByteLevelBpeTokenizer.Load(tokenizerJson, bos, eos);
        }
        if (File.Exists(sentencePieceModel)) return SentencePieceModelFile.Read(sentencePieceModel, bos, eos);
        throw new FileNotFoundException($"{folder} has no tokenizer.json or tokenizer.model.");
    }

    /// <summary>Writes tokenizer.json + tokenizer_config.json for a tokenizer Forgetless made (llama2.c import).</summary>
    public static void Save(SentencePieceBpeTokenizer tokenizer, string folder, int modelMaxLength)
    {
        SentencePieceTokenizerJson.Write(tokenizer, Path.Combine(folder, "tokenizer.json"));
        var config = new JsonObject
        {
            ["tokenizer_class"] = "LlamaTokenizerFast", ["bos_token"] = "<s>", ["eos_token"] = "</s>", ["unk_token"] = "<unk>",
            ["add_bos_token"] = true, ["add_eos_token"] = false, ["legacy"] = true, ["model_max_length"] = modelMaxLength,
            ["clean_up_tokenization_spaces"] = false,
        };
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), config.ToJsonString(new() { WriteIndented = true }));
    }

    private static (int? Bos, int? Eos) SpecialIds(string folder)
    {
        var config = ReadJson(Path.Combine(folder, "config.json"));
        return (FirstId(config?["bos_token_id"]), FirstId(config?["eos_token_id"]));
    }

    private static int? FirstId(JsonNode? node) => node switch
    {
        JsonArray array => array.Count > 0 ? (int)array[0]! : null,
        JsonValue value => (int)value,
        _ => null,
    };

    private static JsonNode? ReadJson(string path) => File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) : null;

    private static InvalidDataException NoEos(string folder) =>
        new($"{folder}: config.json has no eos_token_id, so the end of a response cannot be marked.");
}
