using System.Text;

namespace Forgetless.Training.Tokenization;

/// <summary>
/// Reads llama2.c's tokenizer.bin: int32 max token length, then per token a float32 score, an int32 byte
/// length and the UTF-8 bytes. Ids 0, 1, 2 are &lt;unk&gt;, BOS and EOS, as in llama2.c.
/// </summary>
public static class Llama2cTokenizerFile
{
    public static SentencePieceBpeTokenizer Read(string path, int vocabSize)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var pieces = new string[vocabSize];
        var scores = new float[vocabSize];
        try
        {
            var maxTokenLength = reader.ReadInt32();
            for (var id = 0; id < vocabSize; id++)
            {
                scores[id] = reader.ReadSingle();
                var length = reader.ReadInt32();
                if (length < 0 || length > maxTokenLength)
                    throw new InvalidDataException($"{path}: token {id} has length {length}, outside 0..{maxTokenLength}.");
                if (length > reader.BaseStream.Length - reader.BaseStream.Position) throw new EndOfStreamException(); // not a huge buffer for a bogus length
                pieces[id] = Encoding.UTF8.GetString(reader.ReadBytes(length));
            }
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: the file ends before {vocabSize} tokens were read.");
        }
        if (reader.BaseStream.Position != reader.BaseStream.Length)
            throw new InvalidDataException($"{path}: {reader.BaseStream.Length - reader.BaseStream.Position} bytes follow the {vocabSize} tokens; is the vocabulary size right?");
        return new SentencePieceBpeTokenizer(pieces, scores);
    }

    /// <summary>
    /// True when the whole file walks as a tokenizer.bin of any vocabulary size: a small max token length, then at least
    /// the three special tokens, each a finite score and a length within bounds, ending exactly at the end of the file.
    /// </summary>
    public static bool LooksLikeOne(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var length = reader.BaseStream.Length;
        if (length < 4) return false;
        var maxTokenLength = reader.ReadInt32();
        if (maxTokenLength is < 1 or > 1024) return false;
        var tokens = 0;
        while (reader.BaseStream.Position < length)
        {
            if (length - reader.BaseStream.Position < 8) return false;
            var score = reader.ReadSingle();
            var tokenLength = reader.ReadInt32();
            if (!float.IsFinite(score) || tokenLength < 0 || tokenLength > maxTokenLength || reader.BaseStream.Position + tokenLength > length) return false;
            reader.BaseStream.Seek(tokenLength, SeekOrigin.Current);
            tokens++;
        }

        return tokens >= 3;
    }
}
