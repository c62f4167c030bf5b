using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Forgetless.Training.Tokenization;

/// <summary>
/// A base tokenizer (GPT-2 BPE) restricted to the ids that occur in one corpus, renumbered densely, so that a
/// model made from scratch has an embedding and LM head of a few hundred rows instead of 50257 (the LM head
/// dominates the cost on a CPU). Dense id 0 is the base EOS (also PAD), id 1 is &lt;unk&gt;, ids 2.. are the
/// corpus's base ids in ascending order (plus the base BOS when it has one). Text encodes exactly as the base
/// tokenizer would; a base id that did not occur in the corpus becomes <see cref="UnknownId"/> and decodes to
/// U+FFFD. Build it from the texts exactly as they will be encoded (rendered prompts and responses separately).
/// </summary>
public sealed class CompactVocabularyTokenizer : ITokenizer
{
    public const int UnknownId = 1;
    private const int NoBaseId = -1;
    private const string UnknownText = "\uFFFD";

    private readonly int[] _baseIds;
    private readonly Dictionary<int, int> _denseIds;

    private CompactVocabularyTokenizer(ITokenizer baseTokenizer, int[] baseIds)
    {
        Base = baseTokenizer;
        _baseIds = baseIds;
        _denseIds = [];
        for (var dense = 0; dense < baseIds.Length; dense++)
        {
            if (baseIds[dense] != NoBaseId && !_denseIds.TryAdd(baseIds[dense], dense))
            {
                throw new ArgumentException($"Base id {baseIds[dense]} appears twice in the compact vocabulary.");
            }
        }

        Name = $"{baseTokenizer.Name}-compact{baseIds.Length}-{Fingerprint(baseIds)}";
        BosId = baseTokenizer.BosId is int bos ? _denseIds[bos] : null;
    }

    public ITokenizer Base { get; }

    public string Name { get; }

    public int VocabSize => _baseIds.Length;

    public int? BosId { get; }

    public int EosId => 0;

    public int PadId => 0;

    /// <summary>The base id behind each dense id (-1 for &lt;unk&gt;), in dense order.</summary>
    public IReadOnlyList<int> BaseIds => _baseIds;

    public static CompactVocabularyTokenizer Build(ITokenizer baseTokenizer, IEnumerable<string> corpus)
    {
        var seen = new SortedSet<int>();
        foreach (var text in corpus)
        {
            seen.UnionWith(baseTokenizer.Encode(text));
        }

        seen.Remove(baseTokenizer.EosId);
        if (baseTokenizer.BosId is int bos)
        {
            seen.Add(bos);
        }

        return new CompactVocabularyTokenizer(baseTokenizer, [baseTokenizer.EosId, NoBaseId, .. seen]);
    }

    public IReadOnlyList<int> Encode(string text)
    {
        var baseIds = Base.Encode(text);
        var ids = new int[baseIds.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = _denseIds.GetValueOrDefault(baseIds[i], UnknownId);
        }

        return ids;
    }

    public string Decode(IEnumerable<int> ids)
    {
        var text = new StringBuilder();
        var run = new List<int>();
        foreach (var id in ids)
        {
            if (id < 0 || id >= _baseIds.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"Token id outside the vocabulary 0..{_baseIds.Length - 1}.");
            }

            if (_baseIds[id] == NoBaseId)
            {
                text.Append(Base.Decode(run)).Append(UnknownText);
                run.Clear();
            }
            else
            {
                run.Add(_baseIds[id]);
            }
        }

        return text.Append(Base.Decode(run)).ToString();
    }

    public string ToJson() =>
        JsonSerializer.Serialize(new CompactVocabularyFile(Base.Name, UnknownId, _baseIds));

    /// <param name="baseTokenizer">Must be the tokenizer named in the file; a mismatch is an error.</param>
    public static CompactVocabularyTokenizer FromJson(string json, ITokenizer baseTokenizer)
    {
        var file = JsonSerializer.Deserialize<CompactVocabularyFile>(json)
            ?? throw new FormatException("Compact vocabulary file is empty.");
        if (file.Base != baseTokenizer.Name)
        {
            throw new ArgumentException($"Compact vocabulary was built on '{file.Base}', not '{baseTokenizer.Name}'.");
        }

        if (file.BaseIds is not [var eos, NoBaseId, ..] || eos != baseTokenizer.EosId || file.UnknownId != UnknownId)
        {
            throw new FormatException("Compact vocabulary file must start with the base EOS id then -1 (<unk>).");
        }

        return new CompactVocabularyTokenizer(baseTokenizer, file.BaseIds);
    }

    public void Save(string path) => File.WriteAllText(path, ToJson());

    /// <summary>Loads a compact vocabulary over GPT-2 BPE (the only base used for models made from scratch).</summary>
    public static CompactVocabularyTokenizer Load(string path) => Load(path, Gpt2Tokenizer.Instance);

    public static CompactVocabularyTokenizer Load(string path, ITokenizer baseTokenizer) =>
        FromJson(File.ReadAllText(path), baseTokenizer);

    private static string Fingerprint(int[] baseIds)
    {
        var bytes = new byte[baseIds.Length * sizeof(int)];
        Buffer.BlockCopy(baseIds, 0, bytes, 0, bytes.Length);
        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..8];
    }
}
