using System.Text.Json.Nodes;
using Forgetless.Training.Tokenization;

namespace Forgetless.Training.Tests.Tokenization;

public class ByteLevelBpeTokenizerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("forgetless-bytelevel-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>GPT-2's byte → printable-character map: printable Latin-1 bytes map to themselves, the rest to 256+.</summary>
    private static Dictionary<byte, char> ByteToChar()
    {
        var printable = Enumerable.Range('!', '~' - '!' + 1).Concat(Enumerable.Range('¡', '¬' - '¡' + 1)).Concat(Enumerable.Range('®', 'ÿ' - '®' + 1)).ToHashSet();
        var map = new Dictionary<byte, char>();
        var next = 256;
        for (var b = 0; b < 256; b++) map[(byte)b] = printable.Contains(b) ? (char)b : (char)next++;
        return map;
    }

    private string WriteTokenizerJson()
    {
        var chars = ByteToChar();
        var vocab = new JsonObject();
        for (var b = 0; b < 256; b++) vocab[chars[(byte)b].ToString()] = b;
        string[] merged = ["Ġt", "he", "Ġthe", "Ġa"];
        for (var i = 0; i < merged.Length; i++) vocab[merged[i]] = 256 + i;
        var json = new JsonObject
        {
            ["added_tokens"] = new JsonArray(new JsonObject { ["id"] = 260, ["content"] = "<|endoftext|>", ["special"] = true }),
            ["pre_tokenizer"] = new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["use_regex"] = true },
            ["model"] = new JsonObject { ["type"] = "BPE", ["vocab"] = vocab, ["merges"] = new JsonArray("Ġ t", "h e", "Ġt he", "Ġ a") },
        };
        var path = Path.Combine(folder, "tokenizer.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    [Fact]
    public void Applies_the_merges_in_rank_order_over_gpt2_pre_tokenized_words()
    {
        var tokenizer = ByteLevelBpeTokenizer.Load(WriteTokenizerJson(), bosId: null, eosId: null);

        // "the" alone has no leading space: t(116) he(257); " the" merges fully; " a" → 259; "!" is byte 33.
        Assert.Equal([116, 257, 258, 259, 33], tokenizer.Encode("the the a!"));
        Assert.Equal(260, tokenizer.EosId); // found as <|endoftext|> when config.json names none
    }

    [Fact]
    public void Decoding_restores_text_with_multibyte_characters_and_recognises_special_tokens()
    {
        var tokenizer = ByteLevelBpeTokenizer.Load(WriteTokenizerJson(), bosId: null, eosId: 260);
        const string text = "the 日本 tea, café!";

        Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
        Assert.Equal([258, 260], tokenizer.Encode(" the<|endoftext|>"));
    }
}
