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
}
