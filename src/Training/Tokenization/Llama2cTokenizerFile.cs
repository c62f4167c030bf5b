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
}
