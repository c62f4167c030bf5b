using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Forgetless.Training.Tokenization;

/// <summary>
/// Writes a <see cref="CompactVocabularyTokenizer"/> over GPT-2 as a Hugging Face <c>tokenizer.json</c> (+
/// tokenizer_config.json, special_tokens_map.json) that <c>AutoTokenizer</c> and @huggingface/tokenizers load: a
/// byte-level BPE whose vocabulary is exactly the compact one (dense ids, <c>&lt;|endoftext|&gt;</c> = 0,
/// <c>&lt;unk&gt;</c> = 1). A pre-tokenized word that is one compact token maps to it directly (ignore_merges); the
/// merges are GPT-2's among compact tokens (ranked by the merged token's GPT-2 rank), so a word GPT-2 splits into
/// compact tokens is rebuilt when its intermediate pieces are compact tokens too. Otherwise the word becomes
/// <c>&lt;unk&gt;</c> where Forgetless would give the compact ids: the file represents the vocabulary, not every encoding.
/// </summary>
public static class CompactVocabularyTokenizerJson
{
    private const string EndOfText = "<|endoftext|>";
    private const string Unknown = "<unk>";

    public static void Write(CompactVocabularyTokenizer tokenizer, string folder, int modelMaxLength)
    {
        var gpt2 = tokenizer.Base as Gpt2Tokenizer
            ?? throw new NotSupportedException($"Only a compact vocabulary over GPT-2 can be exported, not over '{tokenizer.Base.Name}'.");
        var pieces = tokenizer.BaseIds.Select((baseId, dense) => dense == 0 ? EndOfText : dense == CompactVocabularyTokenizer.UnknownId ? Unknown
            : ByteLevelAlphabet.Spell(gpt2.TokenBytes(baseId).Span)).ToArray();
        var vocab = new JsonObject();
        for (var id = 0; id < pieces.Length; id++) vocab[pieces[id]] = id;
        var json = new JsonObject
        {
            ["version"] = "1.0", ["truncation"] = null, ["padding"] = null,
            ["added_tokens"] = new JsonArray(AddedToken(0, EndOfText), AddedToken(CompactVocabularyTokenizer.UnknownId, Unknown)),
            ["normalizer"] = null,
            ["pre_tokenizer"] = Parse("""{"type":"ByteLevel","add_prefix_space":false,"trim_offsets":true,"use_regex":true}"""),
            ["post_processor"] = Parse("""{"type":"ByteLevel","add_prefix_space":true,"trim_offsets":false,"use_regex":true}"""),
            ["decoder"] = Parse("""{"type":"ByteLevel","add_prefix_space":true,"trim_offsets":true,"use_regex":true}"""),
            ["model"] = new JsonObject
            {
                ["type"] = "BPE", ["dropout"] = null, ["unk_token"] = Unknown, ["continuing_subword_prefix"] = null, ["end_of_word_suffix"] = null,
                ["fuse_unk"] = true, ["byte_fallback"] = false, ["ignore_merges"] = true, ["vocab"] = vocab,
                ["merges"] = new JsonArray([.. Merges(tokenizer, pieces).Select(m => (JsonNode)$"{m.Left} {m.Right}")]),
            },
        };
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), json.ToJsonString(options));
        var special = new JsonObject { ["eos_token"] = EndOfText, ["pad_token"] = EndOfText, ["unk_token"] = Unknown };
        File.WriteAllText(Path.Combine(folder, "special_tokens_map.json"), special.ToJsonString(options));
        var config = new JsonObject
        {
            ["tokenizer_class"] = "PreTrainedTokenizerFast", ["eos_token"] = EndOfText, ["pad_token"] = EndOfText, ["unk_token"] = Unknown,
            ["model_max_length"] = modelMaxLength, ["clean_up_tokenization_spaces"] = false, ["add_prefix_space"] = false,
        };
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), config.ToJsonString(options));
    }

    /// <summary>Every split of a compact token into two compact tokens, ordered by the merged token's GPT-2 rank (its base id).</summary>
    private static IEnumerable<(string Left, string Right)> Merges(CompactVocabularyTokenizer tokenizer, string[] pieces)
    {
        var ordinary = Enumerable.Range(2, pieces.Length - 2).ToList();
        var rankByPiece = ordinary.ToDictionary(id => pieces[id], id => tokenizer.BaseIds[id], StringComparer.Ordinal);
        return ordinary
            .SelectMany(id => Enumerable.Range(1, Math.Max(pieces[id].Length - 1, 0))
                .Select(cut => (Left: pieces[id][..cut], Right: pieces[id][cut..], Rank: tokenizer.BaseIds[id]))
                .Where(m => rankByPiece.TryGetValue(m.Left, out var l) && l < m.Rank && rankByPiece.TryGetValue(m.Right, out var r) && r < m.Rank))
            .OrderBy(m => m.Rank).ThenBy(m => rankByPiece[m.Left])
            .Select(m => (m.Left, m.Right));
    }

    private static JsonObject AddedToken(int id, string content) => new()
    {
        ["id"] = id, ["content"] = content, ["single_word"] = false, ["lstrip"] = false, ["rstrip"] = false, ["normalized"] = false, ["special"] = true,
    };

    private static JsonNode Parse(string json) => JsonNode.Parse(json)!;
}
