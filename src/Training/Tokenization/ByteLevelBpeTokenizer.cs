using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Forgetless.Training.Tokenization;

/// <summary>
/// A tokenizer.json byte-level BPE (GPT-2, Pythia, Qwen2, Llama 3, SmolLM) built with Microsoft.ML.Tokenizers from
/// the file's vocab, merges and added tokens; the pre-tokenizer regex is the file's Split pattern, else GPT-2's.
/// </summary>
public sealed class ByteLevelBpeTokenizer : ITokenizer
{
    private const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";
    private readonly BpeTokenizer bpe;

    private ByteLevelBpeTokenizer(BpeTokenizer bpe, string name, int vocabSize, int? bosId, int eosId, int padId) =>
        (this.bpe, Name, VocabSize, BosId, EosId, PadId) = (bpe, name, vocabSize, bosId, eosId, padId);

    public string Name { get; }
    public int VocabSize { get; }
    public int? BosId { get; }
    public int EosId { get; }
    public int PadId { get; }

    public IReadOnlyList<int> Encode(string text) => bpe.EncodeToIds(text);

    public string Decode(IEnumerable<int> ids) => bpe.Decode(ids.Where(id => id != BosId && id != EosId)) ?? string.Empty;

    public static ByteLevelBpeTokenizer Load(string path, int? bosId, int? eosId)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path}: empty file.");
        var model = root["model"] as JsonObject ?? throw new InvalidDataException($"{path}: no \"model\" object.");
        if ((string?)model["type"] != "BPE") throw new NotSupportedException($"{path}: model.type '{model["type"]}' is not supported (only BPE).");
        var vocab = (model["vocab"] as JsonObject ?? throw new InvalidDataException($"{path}: model.vocab is missing."))
            .Select(p => new KeyValuePair<string, int>(p.Key, (int)p.Value!)).ToList();
        var merges = (model["merges"] as JsonArray ?? []).Select(m => m is JsonArray pair ? $"{pair[0]} {pair[1]}" : (string)m!).ToList();
        var added = (root["added_tokens"] as JsonArray ?? []).ToDictionary(t => (string)t!["content"]!, t => (int)t!["id"]!);
        var pattern = FindSplitPattern(root["pre_tokenizer"]) ?? Gpt2Pattern;
        var bpe = BpeTokenizer.Create(new BpeOptions(vocab)
        {
            Merges = merges, SpecialTokens = added, ByteLevel = true,
            PreTokenizer = new RegexPreTokenizer(new Regex(pattern, RegexOptions.Compiled), added),
        });
        var size = Math.Max(vocab.Max(p => p.Value), added.Count == 0 ? 0 : added.Values.Max()) + 1;
        var eos = eosId ?? (added.TryGetValue("<|endoftext|>", out var endOfText) ? endOfText
            : throw new InvalidDataException($"{path}: no eos_token_id in config.json and no <|endoftext|> token."));
        return new ByteLevelBpeTokenizer(bpe, $"bpe-{size}-{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)))}", size, bosId, eos, eos);
    }

    private static string? FindSplitPattern(JsonNode? preTokenizer) => preTokenizer switch
    {
        JsonObject o when (string?)o["type"] == "Split" => (string?)o["pattern"]?["Regex"],
        JsonObject o when (string?)o["type"] == "Sequence" => (o["pretokenizers"] as JsonArray ?? []).Select(FindSplitPattern).FirstOrDefault(p => p is not null),
        _ => null,
    };
}
