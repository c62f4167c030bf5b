using Google.Protobuf;

namespace Forgetless.Training.Tokenization;

/// <summary>
/// Reads a SentencePiece <c>tokenizer.model</c> (the ModelProto of sentencepiece_model.proto) into a
/// <see cref="SentencePieceBpeTokenizer"/>: the pieces ('▁' read as a space), their scores, and the unk/bos/eos ids.
/// Only what Llama 2-style models use is accepted: BPE, byte fallback, a dummy prefix, no whitespace folding.
/// </summary>
public static class SentencePieceModelFile
{
    // Field numbers from sentencepiece_model.proto.
    private const int PiecesField = 1, TrainerSpecField = 2, NormalizerSpecField = 3;
    private const int PieceText = 1, PieceScore = 2, PieceType = 3;
    private const int ModelTypeField = 3, ByteFallbackField = 35, UnkIdField = 40, BosIdField = 41, EosIdField = 42;
    private const int AddDummyPrefixField = 3, RemoveExtraWhitespacesField = 4;
    private const int Bpe = 2;

    /// <param name="bosId">From config.json when it names one; else the model's own.</param>
    public static SentencePieceBpeTokenizer Read(string path, int? bosId = null, int? eosId = null)
    {
        var input = new CodedInputStream(File.ReadAllBytes(path));
        var pieces = new List<string>();
        var scores = new List<float>();
        var spec = new Dictionary<int, long> { [ModelTypeField] = 1, [UnkIdField] = 0, [BosIdField] = 1, [EosIdField] = 2, [ByteFallbackField] = 0 };
        var normalizer = new Dictionary<int, long> { [AddDummyPrefixField] = 1, [RemoveExtraWhitespacesField] = 1 };
        try
        {
            for (uint tag; (tag = input.ReadTag()) != 0;)
            {
                switch (WireFormat.GetTagFieldNumber(tag))
                {
                    case PiecesField: ReadPiece(input.ReadBytes(), pieces, scores); break;
                    case TrainerSpecField: ReadVarints(input.ReadBytes(), spec); break;
                    case NormalizerSpecField: ReadVarints(input.ReadBytes(), normalizer); break;
                    default: input.SkipLastField(); break;
                }
            }
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"{path}: not a SentencePiece model ({e.Message}).", e);
        }
        if (pieces.Count == 0) throw new InvalidDataException($"{path}: the model holds no pieces.");
        if (spec[ModelTypeField] != Bpe) throw new NotSupportedException($"{path}: trainer_spec.model_type {spec[ModelTypeField]} is not supported (only BPE = 2).");
        if (spec[ByteFallbackField] == 0) throw new NotSupportedException($"{path}: trainer_spec.byte_fallback is false; only byte-fallback models are supported.");
        if (normalizer[AddDummyPrefixField] == 0 || normalizer[RemoveExtraWhitespacesField] != 0)
            throw new NotSupportedException($"{path}: normalizer_spec must have add_dummy_prefix true and remove_extra_whitespaces false (as Llama 2's).");
        // SentencePiece never matches control symbols typed in text: they stay plain characters.
        return new SentencePieceBpeTokenizer(pieces, scores, (int)spec[UnkIdField], bosId ?? (int)spec[BosIdField], eosId ?? (int)spec[EosIdField],
            specialTokensInText: false);
    }

    private static void ReadPiece(ByteString bytes, List<string> pieces, List<float> scores)
    {
        var input = bytes.CreateCodedInput();
        var (text, score) = (string.Empty, 0f);
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case PieceText: text = input.ReadString(); break;
                case PieceScore: score = input.ReadFloat(); break;
                case PieceType: input.ReadEnum(); break;
                default: input.SkipLastField(); break;
            }
        }
        pieces.Add(text.Replace('▁', ' '));
        scores.Add(score);
    }

    /// <summary>Reads the varint fields named in <paramref name="fields"/> (their defaults preset) and skips the rest.</summary>
    private static void ReadVarints(ByteString bytes, Dictionary<int, long> fields)
    {
        var input = bytes.CreateCodedInput();
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            var field = WireFormat.GetTagFieldNumber(tag);
            if (fields.ContainsKey(field) && WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint) fields[field] = input.ReadInt64();
            else input.SkipLastField();
        }
    }
}
