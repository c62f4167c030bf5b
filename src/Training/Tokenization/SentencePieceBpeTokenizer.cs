using System.Security.Cryptography;
using System.Text;

namespace Forgetless.Training.Tokenization;

/// <summary>
/// SentencePiece-style BPE as llama2.c runs it: a space is prepended to the text (the dummy prefix), the text is
/// split into characters (unknown ones fall back to byte tokens <c>&lt;0xNN&gt;</c>), then the adjacent pair whose
/// merged piece has the highest score is merged until no pair is in the vocabulary. Pieces hold real spaces
/// (llama2.c's export already turned SentencePiece's '▁' into ' ').
/// With <c>specialTokensInText</c> (the default, as Hugging Face's tokenizer.json does), <c>&lt;unk&gt;</c>,
/// <c>&lt;s&gt;</c> and <c>&lt;/s&gt;</c> typed in the text become their ids and the text between them is encoded
/// piece by piece, each with its own dummy prefix; without it (SentencePiece itself) they are plain characters.
/// </summary>
public sealed class SentencePieceBpeTokenizer : ITokenizer
{
    private readonly string[] pieces;
    private readonly float[] scores;
    private readonly Dictionary<string, int> idByPiece;
    private readonly int firstByteId;
    private readonly (string Text, int Id)[] specialTokens;

    /// <param name="pieces">Token strings by id; byte-fallback tokens are spelled <c>&lt;0x00&gt;</c>..<c>&lt;0xFF&gt;</c>.</param>
    /// <param name="scores">Merge score by id: among adjacent pairs, the merge giving the highest-scoring piece wins.</param>
    public SentencePieceBpeTokenizer(IReadOnlyList<string> pieces, IReadOnlyList<float> scores, int unknownId = 0, int? bosId = 1, int eosId = 2,
        bool specialTokensInText = true)
    {
        if (pieces.Count != scores.Count)
            throw new ArgumentException($"{pieces.Count} pieces but {scores.Count} scores.", nameof(scores));
        this.pieces = [.. pieces];
        this.scores = [.. scores];
        idByPiece = new Dictionary<string, int>(pieces.Count, StringComparer.Ordinal);
        for (var id = 0; id < pieces.Count; id++)
            if (id != unknownId && id != bosId && id != eosId) // special tokens are never the result of a merge
                idByPiece.TryAdd(pieces[id], id);
        firstByteId = idByPiece.TryGetValue("<0x00>", out var byteZero) ? byteZero
            : throw new ArgumentException("The vocabulary has no byte-fallback token <0x00>.", nameof(pieces));
        UnknownId = unknownId;
        BosId = bosId;
        EosId = eosId;
        specialTokens = !specialTokensInText ? []
            : [("<unk>", unknownId), .. bosId is { } bos ? [("<s>", bos)] : Array.Empty<(string, int)>(), ("</s>", eosId)];
        // The suffix keeps reference caches made before special tokens were matched in text from being reused.
        Name = $"spbpe-{pieces.Count}-{Fingerprint(this.pieces)}-{(specialTokensInText ? "special" : "plain")}";
    }

    public string Name { get; }
    public int VocabSize => pieces.Length;
    public int? BosId { get; }
    public int EosId { get; }
    public int UnknownId { get; }

    /// <summary>The model has no padding token; padded positions carry label -100, so any id serves.</summary>
    public int PadId => UnknownId;

    public IReadOnlyList<string> Pieces => pieces;
    public IReadOnlyList<float> Scores => scores;

    public IReadOnlyList<int> Encode(string text)
    {
        var tokens = new List<int>(text.Length + 1);
        var start = 0;
        while (NextSpecialToken(text, start) is var (index, special) && index >= 0)
        {
            tokens.AddRange(EncodePiece(text[start..index]));
            tokens.Add(special.Id);
            start = index + special.Text.Length;
        }
        tokens.AddRange(EncodePiece(text[start..]));
        return tokens;
    }

    private (int Index, (string Text, int Id) Special) NextSpecialToken(string text, int start)
    {
        var found = (Index: -1, Special: (Text: "", Id: 0));
        foreach (var special in specialTokens)
        {
            var index = text.IndexOf(special.Text, start, StringComparison.Ordinal);
            if (index >= 0 && (found.Index < 0 || index < found.Index)) found = (index, special);
        }
        return found;
    }

    private List<int> EncodePiece(string text)
    {
        if (text.Length == 0) return [];
        var tokens = new List<int>(text.Length + 1);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in (" " + text).EnumerateRunes())
        {
            var character = rune.ToString();
            if (idByPiece.TryGetValue(character, out var id)) { tokens.Add(id); continue; }
            var length = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < length; i++) tokens.Add(firstByteId + utf8[i]);
        }
        MergeBestPairs(tokens);
        return tokens;
    }

    public string Decode(IEnumerable<int> ids)
    {
        var bytes = new List<byte>();
        var atStart = true;
        foreach (var id in ids)
        {
            if (id == BosId) { atStart = true; continue; }
            if (id == EosId || id == UnknownId || id < 0 || id >= pieces.Length) continue;
            if (id >= firstByteId && id < firstByteId + 256) bytes.Add((byte)(id - firstByteId));
            else
            {
                // SentencePiece drops the dummy-prefix space at the start of a sequence.
                var piece = atStart && pieces[id].StartsWith(' ') ? pieces[id][1..] : pieces[id];
                bytes.AddRange(Encoding.UTF8.GetBytes(piece));
            }
            atStart = false;
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }

    /// <summary>Repeatedly merges the leftmost adjacent pair with the best merged score (llama2.c's rule).</summary>
    private void MergeBestPairs(List<int> tokens)
    {
        var candidate = new int[Math.Max(tokens.Count - 1, 0)];
        for (var i = 0; i < candidate.Length; i++) candidate[i] = MergedId(tokens[i], tokens[i + 1]);
        var candidates = new List<int>(candidate);
        while (true)
        {
            var best = -1;
            for (var i = 0; i < candidates.Count; i++)
                if (candidates[i] >= 0 && (best < 0 || scores[candidates[i]] > scores[candidates[best]])) best = i;
            if (best < 0) return;
            tokens[best] = candidates[best];
            tokens.RemoveAt(best + 1);
            candidates.RemoveAt(best);
            if (best > 0) candidates[best - 1] = MergedId(tokens[best - 1], tokens[best]);
            if (best < candidates.Count) candidates[best] = MergedId(tokens[best], tokens[best + 1]);
        }
    }

    private int MergedId(int left, int right) =>
        idByPiece.TryGetValue(string.Concat(pieces[left], pieces[right]), out var id) ? id : -1;

    private static string Fingerprint(string[] pieces) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', pieces))))[..8].ToLowerInvariant();
}
