namespace Forgetless.Training.Tokenization;

/// <summary>
/// Text to token ids and back. <see cref="Encode"/> adds no special tokens: the caller decides where BOS/EOS go
/// (the batch builder appends <see cref="EosId"/> after every response).
/// </summary>
public interface ITokenizer
{
    /// <summary>Identifies the vocabulary; part of cache keys, so two different vocabularies never share a name.</summary>
    string Name { get; }

    int VocabSize { get; }

    int? BosId { get; }

    int EosId { get; }

    int PadId { get; }

    IReadOnlyList<int> Encode(string text);

    string Decode(IEnumerable<int> ids);
}
