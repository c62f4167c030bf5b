using System.Text.Json.Nodes;
using Forgetless.Training.Tests.Checkpoints;
using Forgetless.Training.Tokenization;

namespace Forgetless.Training.Tests.Tokenization;

public class SentencePieceTokenizerJsonTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("forgetless-tokjson-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [SkippableFact]
    public void A_written_tokenizer_json_reads_back_to_the_same_encodings()
    {
        Stories260KFiles.SkipUnlessStories260K();
        var original = Llama2cTokenizerFile.Read(Stories260KFiles.Stories260KTokenizer, 512);
        var path = Path.Combine(folder, "tokenizer.json");

        SentencePieceTokenizerJson.Write(original, path);
        var reread = SentencePieceTokenizerJson.Read(path, bosId: 1, eosId: 2);

        string[] texts = ["Once upon a time, there was a little girl named Lily.", "Lily's mom said, \"Don't worry!\"\nThe end.",
            "héllo 🙂 日本", "   spaces   and\ttabs ", "the then there their them these"];
        foreach (var text in texts)
        {
            Assert.Equal(original.Encode(text), reread.Encode(text));
            Assert.Equal(text, reread.Decode(reread.Encode(text)));
        }
    }

    [SkippableFact]
    public void The_file_has_the_hugging_face_llama_layout_with_byte_fallback()
    {
        Stories260KFiles.SkipUnlessStories260K();
        var path = Path.Combine(folder, "tokenizer.json");
        SentencePieceTokenizerJson.Write(Llama2cTokenizerFile.Read(Stories260KFiles.Stories260KTokenizer, 512), path);

        var model = JsonNode.Parse(File.ReadAllText(path))!["model"]!;
        Assert.Equal("BPE", (string?)model["type"]);
        Assert.True((bool)model["byte_fallback"]!);
        Assert.Equal(1, (int)model["vocab"]!["<s>"]!);
        Assert.Equal(3, (int)model["vocab"]!["<0x00>"]!);
        Assert.Equal(259, (int)model["vocab"]!["▁t"]!);
        Assert.Equal("▁ t", (string?)model["merges"]![0]); // " t" has the best score in tok512
    }
}
