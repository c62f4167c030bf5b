using System.Text.Json;
using System.Text.Json.Nodes;

namespace Forgetless.Training.Tokenization;

/// <summary>
/// Writes and reads a <see cref="SentencePieceBpeTokenizer"/> as a Hugging Face <c>tokenizer.json</c> in the layout
/// transformers' Llama converter produces (BPE with byte_fallback, normalizer "prepend ▁ then spaces → ▁", decoder
/// "▁ → space, byte fallback, fuse, strip one leading space"), so that <c>AutoTokenizer</c> loads it unchanged.
/// Merges are derived as transformers' SentencePiece extractor does: every split of a piece into two pieces,
/// ranked by the merged piece's score, which makes rank order equal llama2.c's highest-score-first rule.
/// </summary>
public static class SentencePieceTokenizerJson
{
    private const char Metaspace = '▁';
    private static readonly string[] SpecialNames = ["<unk>", "<s>", "</s>"];

    public static void Write(SentencePieceBpeTokenizer tokenizer, string path)
    {
        var pieces = tokenizer.Pieces.Select((piece, id) => IsSpecial(tokenizer, id) ? SpecialNames[SpecialIndex(tokenizer, id)] : piece.Replace(' ', Metaspace)).ToArray();
        var vocab = new JsonObject();
        for (var id = 0; id < pieces.Length; id++) vocab[pieces[id]] = id;
        var json = new JsonObject
        {
            ["version"] = "1.0", ["truncation"] = null, ["padding"] = null,
            ["added_tokens"] = new JsonArray([.. Enumerable.Range(0, pieces.Length).Where(id => IsSpecial(tokenizer, id)).Select(id => (JsonNode)new JsonObject
            {
                ["id"] = id, ["content"] = pieces[id], ["single_word"] = false, ["lstrip"] = false, ["rstrip"] = false,
                ["normalized"] = false, ["special"] = true,
            })]),
            ["normalizer"] = Parse("""{"type":"Sequence","normalizers":[{"type":"Prepend","prepend":"▁"},{"type":"Replace","pattern":{"String":" "},"content":"▁"}]}"""),
            ["pre_tokenizer"] = null,
            ["post_processor"] = Parse($$$$"""{"type":"TemplateProcessing","single":[{"SpecialToken":{"id":"<s>","type_id":0}},{"Sequence":{"id":"A","type_id":0}}],"pair":[{"SpecialToken":{"id":"<s>","type_id":0}},{"Sequence":{"id":"A","type_id":0}},{"SpecialToken":{"id":"<s>","type_id":1}},{"Sequence":{"id":"B","type_id":1}}],"special_tokens":{"<s>":{"id":"<s>","ids":[{{{{tokenizer.BosId ?? 1}}}}],"tokens":["<s>"]}}}"""),
            ["decoder"] = Parse("""{"type":"Sequence","decoders":[{"type":"Replace","pattern":{"String":"▁"},"content":" "},{"type":"ByteFallback"},{"type":"Fuse"},{"type":"Strip","content":" ","start":1,"stop":0}]}"""),
            ["model"] = new JsonObject
            {
                ["type"] = "BPE", ["dropout"] = null, ["unk_token"] = pieces[tokenizer.UnknownId], ["continuing_subword_prefix"] = null,
                ["end_of_word_suffix"] = null, ["fuse_unk"] = true, ["byte_fallback"] = true, ["ignore_merges"] = false,
                ["vocab"] = vocab,
                ["merges"] = new JsonArray([.. Merges(tokenizer, pieces).Select(m => (JsonNode)$"{m.Left} {m.Right}")]),
            },
        };
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    /// <summary>Reads a tokenizer.json whose model is BPE with byte_fallback (Llama 2 / SentencePiece style).</summary>
    public static SentencePieceBpeTokenizer Read(string path, int? bosId, int eosId)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path}: empty file.");
        var model = root["model"] as JsonObject ?? throw new InvalidDataException($"{path}: no \"model\" object.");
        if ((string?)model["type"] != "BPE" || model["byte_fallback"]?.GetValue<bool>() != true)
            throw new InvalidDataException($"{path}: model.type must be \"BPE\" with byte_fallback true for a SentencePiece-style tokenizer.");
        var vocab = model["vocab"] as JsonObject ?? throw new InvalidDataException($"{path}: model.vocab is missing.");
        var pieces = new string[vocab.Count];
        foreach (var (piece, id) in vocab)
        {
            var index = id?.GetValue<int>() ?? -1;
            if (index < 0 || index >= pieces.Length) throw new InvalidDataException($"{path}: model.vocab[\"{piece}\"] = {index} is outside 0..{pieces.Length - 1}.");
            pieces[index] = piece.Replace(Metaspace, ' ');
        }
        // Score = minus the rank of the first merge producing the piece; pieces no merge produces never win a merge.
        var scores = Enumerable.Repeat(float.MinValue, pieces.Length).ToArray();
        var merges = model["merges"] as JsonArray ?? throw new InvalidDataException($"{path}: model.merges is missing.");
        var idByPiece = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var id = 0; id < pieces.Length; id++) idByPiece.TryAdd(pieces[id], id);
        for (var rank = 0; rank < merges.Count; rank++)
        {
            var (left, right) = MergePair(merges[rank], path, rank);
            if (idByPiece.TryGetValue((left + right).Replace(Metaspace, ' '), out var merged) && scores[merged] == float.MinValue)
                scores[merged] = -rank;
        }
        var unknown = (string?)model["unk_token"] is { } unk && vocab[unk] is { } unkId ? unkId.GetValue<int>() : 0;
        return new SentencePieceBpeTokenizer(pieces, scores, unknown, bosId, eosId);
    }

    private static (string Left, string Right) MergePair(JsonNode? merge, string path, int rank) => merge switch
    {
        JsonArray { Count: 2 } pair => ((string)pair[0]!, (string)pair[1]!),
        JsonValue value when ((string)value!).Split(' ') is [var left, var right] => (left, right),
        _ => throw new InvalidDataException($"{path}: model.merges[{rank}] is neither \"a b\" nor [\"a\", \"b\"]."),
    };

    private static IEnumerable<(string Left, string Right)> Merges(SentencePieceBpeTokenizer tokenizer, string[] pieces)
    {
        var ordinary = Enumerable.Range(0, pieces.Length).Where(id => !IsSpecial(tokenizer, id) && !IsByte(pieces[id])).ToHashSet();
        var ids = ordinary.ToDictionary(id => pieces[id], id => id, StringComparer.Ordinal);
        return ordinary
            .SelectMany(id => Splits(pieces[id]).Where(s => ids.ContainsKey(s.Left) && ids.ContainsKey(s.Right))
                .Select(s => (s.Left, s.Right, Score: tokenizer.Scores[id], Id: id, LeftId: ids[s.Left])))
            .OrderByDescending(m => m.Score).ThenBy(m => m.Id).ThenBy(m => m.LeftId)
            .Select(m => (m.Left, m.Right));
    }

    private static IEnumerable<(string Left, string Right)> Splits(string piece)
    {
        var boundaries = piece.EnumerateRunes().Select(r => r.Utf16SequenceLength).ToArray();
        for (int i = 0, offset = 0; i < boundaries.Length - 1; i++)
        {
            offset += boundaries[i];
            yield return (piece[..offset], piece[offset..]);
        }
    }

    private static bool IsByte(string piece) => piece.Length == 6 && piece.StartsWith("<0x", StringComparison.Ordinal) && piece.EndsWith('>');

    private static bool IsSpecial(SentencePieceBpeTokenizer tokenizer, int id) => SpecialIndex(tokenizer, id) >= 0;

    private static int SpecialIndex(SentencePieceBpeTokenizer tokenizer, int id) =>
        id == tokenizer.UnknownId ? 0 : id == tokenizer.BosId ? 1 : id == tokenizer.EosId ? 2 : -1;

    private static JsonNode Parse(string json) => JsonNode.Parse(json)!;
}
