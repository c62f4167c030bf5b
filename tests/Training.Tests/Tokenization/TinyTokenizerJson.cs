using Forgetless.Training.Tokenization;

namespace Forgetless.Training.Tests.Tokenization;

/// <summary>A small SentencePiece-style tokenizer.json (specials, 256 bytes, a few pieces) for model-folder tests.</summary>
internal static class TinyTokenizerJson
{
    public static SentencePieceBpeTokenizer Create()
    {
        string[] pieces = ["<unk>", "<s>", "</s>", .. Enumerable.Range(0, 256).Select(b => $"<0x{b:X2}>"), " ", "a", "b", "c", " a", "ab", "bc"];
        float[] scores = [.. new float[pieces.Length - 3], -3f, -1f, -2f];
        return new SentencePieceBpeTokenizer(pieces, scores);
    }

    public static void Write(string folder) => TokenizerFiles.Save(Create(), folder, 256);
}
