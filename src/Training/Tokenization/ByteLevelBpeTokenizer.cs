using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Forgetless.Training.Tokenization;

/// <summary>
/// A tokenizer.json byte-level BPE (GPT-2, Pythia, Qwen2, Llama 3, SmolLM) built with Microsoft.ML.Tokenizers from
/// the file's vocab, merges and added tokens; the pre-tokenizer regex is the file's Split pattern, else GPT-2's.
/// With <c>ignore_merges</c> (Llama 3, Forgetless' compact vocabularies) a pre-tokenized word that is in the vocabulary
/// is that token, as in Hugging Face's <c>tokenizers</c>; Microsoft.ML.Tokenizers has no such option, so it is done here.
/// </summary>
public sealed class ByteLevelBpeTokenizer : ITokenizer
{
    private const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";
    private readonly BpeTokenizer bpe;
    private readonly WholeWords? wholeWords;

    private ByteLevelBpeTokenizer(BpeTokenizer bpe, WholeWords? wholeWords, string name, int vocabSize, int? bosId, int eosId, int padId) =>
        (this.bpe, this.wholeWords, Name, VocabSize, BosId, EosId, PadId) = (bpe, wholeWords, name, vocabSize, bosId, eosId, padId);

    /// <summary>What ignore_merges needs: the pre-tokenizer, the vocabulary by byte-level spelling, the added tokens.</summary>
    private sealed record WholeWords(Regex Pattern, Dictionary<string, int> Vocabulary, Dictionary<string, int> Added);

    public string Name { get; }
    public int VocabSize { get; }
    public int? BosId { get; }
    public int EosId { get; }
    public int PadId { get; }

    public IReadOnlyList<int> Encode(string text) => wholeWords is null ? bpe.EncodeToIds(text) : EncodeWholeWordsFirst(text, wholeWords);

    private List<int> EncodeWholeWordsFirst(string text, WholeWords words)
    {
        var ids = new List<int>();
        for (var start = 0; ;)
        {
            var (index, added) = words.Added.Select(a => (Index: text.IndexOf(a.Key, start, StringComparison.Ordinal), Token: a))
                .Where(a => a.Index >= 0).OrderBy(a => a.Index).ThenByDescending(a => a.Token.Key.Length).FirstOrDefault((-1, default));
            foreach (Match word in words.Pattern.Matches(text[start..(index < 0 ? text.Length : index)]))
                ids.AddRange(words.Vocabulary.TryGetValue(ByteLevelAlphabet.Spell(word.Value), out var id) ? [id] : bpe.EncodeToIds(word.Value));
            if (index < 0) return ids;
            ids.Add(added.Value);
            start = index + added.Key.Length;
        }
    }

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
        var unknown = (string?)model["unk_token"];
        var bpe = BpeTokenizer.Create(new BpeOptions(vocab)
        {
            Merges = merges, SpecialTokens = added, ByteLevel = true,
            PreTokenizer = new RegexPreTokenizer(new Regex(pattern, RegexOptions.Compiled), added),
            UnknownToken = unknown is not null && vocab.Any(p => p.Key == unknown) ? unknown : null,
            FuseUnknownTokens = model["fuse_unk"]?.GetValue<bool>() == true,
        });
        var wholeWords = model["ignore_merges"]?.GetValue<bool>() == true
            ? new WholeWords(new Regex(pattern, RegexOptions.Compiled), vocab.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), added)
            : null;
        var size = Math.Max(vocab.Max(p => p.Value), added.Count == 0 ? 0 : added.Values.Max()) + 1;
        var eos = eosId ?? (added.TryGetValue("<|endoftext|>", out var endOfText) ? endOfText
            : throw new InvalidDataException($"{path}: no eos_token_id in config.json and no <|endoftext|> token."));
        return new ByteLevelBpeTokenizer(bpe, wholeWords, $"bpe-{size}-{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)))}", size, bosId, eos, eos);
    }

    private static string? FindSplitPattern(JsonNode? preTokenizer) => preTokenizer switch
    {
        JsonObject o when (string?)o["type"] == "Split" => (string?)o["pattern"]?["Regex"],
        JsonObject o when (string?)o["type"] == "Sequence" => (o["pretokenizers"] as JsonArray ?? []).Select(FindSplitPattern).FirstOrDefault(p => p is not null),
        _ => null,
    };
}
