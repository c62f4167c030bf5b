using Microsoft.ML.Tokenizers;

namespace Forgetless.Training.Tokenization;

/// <summary>A SentencePiece <c>tokenizer.model</c> (Llama 2, TinyLlama) through Microsoft.ML.Tokenizers' LlamaTokenizer.</summary>
public sealed class SentencePieceModelTokenizer : ITokenizer
{
    private readonly LlamaTokenizer sentencePiece;

    private SentencePieceModelTokenizer(LlamaTokenizer sentencePiece, int? bosId, int eosId, string name) =>
        (this.sentencePiece, BosId, EosId, Name) = (sentencePiece, bosId, eosId, name);

    public string Name { get; }
    public int VocabSize => sentencePiece.Vocabulary.Count;
    public int? BosId { get; }
    public int EosId { get; }
    public int PadId => sentencePiece.UnknownId;

    public IReadOnlyList<int> Encode(string text) => sentencePiece.EncodeToIds(text);

    public string Decode(IEnumerable<int> ids) => sentencePiece.Decode(ids) ?? string.Empty;

    public static SentencePieceModelTokenizer Load(string path, int? bosId, int? eosId)
    {
        using var stream = File.OpenRead(path);
        var tokenizer = LlamaTokenizer.Create(stream, addBeginOfSentence: false, addEndOfSentence: false);
        return new SentencePieceModelTokenizer(tokenizer, bosId ?? tokenizer.BeginningOfSentenceId, eosId ?? tokenizer.EndOfSentenceId,
            $"sentencepiece-{tokenizer.Vocabulary.Count}-{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)))}");
    }
}
