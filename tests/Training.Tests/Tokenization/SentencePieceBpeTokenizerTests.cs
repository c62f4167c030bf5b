using Forgetless.Training.Tests.Checkpoints;
using Forgetless.Training.Tokenization;

namespace Forgetless.Training.Tests.Tokenization;

public class SentencePieceBpeTokenizerTests
{
    private const string Sentence = "Once upon a time, Lily said: \"héllo 🙂!\"";

    [SkippableFact]
    public void Encodes_a_sentence_exactly_as_llama2c_run_c_does()
    {
        Stories260KFiles.SkipUnlessStories260K();
        var tokenizer = Llama2cTokenizerFile.Read(Stories260KFiles.Stories260KTokenizer, 512);

        // Ids printed by llama2.c's own encode() (run.c, bos=0, eos=0) for the same text; the emoji has no
        // piece, so its four UTF-8 bytes F0 9F 99 82 come out as byte tokens 3 + byte.
        int[] expected = [403, 407, 261, 378, 432, 317, 336, 467, 313, 415, 485, 306, 414, 410, 243, 162, 156, 133, 443, 436];
        Assert.Equal(expected, tokenizer.Encode(Sentence));
    }

    [SkippableFact]
    public void Decoding_the_encoding_gives_back_the_text_including_bytes_without_pieces()
    {
        Stories260KFiles.SkipUnlessStories260K();
        var tokenizer = Llama2cTokenizerFile.Read(Stories260KFiles.Stories260KTokenizer, 512);

        foreach (var text in new[] { Sentence, "a\nb  c", "日本語のテキスト", "x" })
            Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
    }

    [SkippableFact]
    public void Reads_the_special_and_byte_pieces_of_tok512()
    {
        Stories260KFiles.SkipUnlessStories260K();
        var tokenizer = Llama2cTokenizerFile.Read(Stories260KFiles.Stories260KTokenizer, 512);

        Assert.Equal(512, tokenizer.VocabSize);
        Assert.Equal("<unk>", tokenizer.Pieces[0]);
        Assert.Equal("<0x00>", tokenizer.Pieces[3]);
        Assert.Equal("<0xFF>", tokenizer.Pieces[258]);
        Assert.Equal((1, 2), (tokenizer.BosId, tokenizer.EosId));
        Assert.Empty(tokenizer.Encode(""));
    }

    [Fact]
    public void Merges_the_pair_whose_merged_piece_scores_highest_first()
    {
        // " ab" can become " a"+"b" or " "+"ab"; the merge with the higher-scoring result is taken.
        string[] pieces = ["<unk>", "<s>", "</s>", .. Enumerable.Range(0, 256).Select(b => $"<0x{b:X2}>"), " ", "a", "b", " a", "ab"];
        var abWins = new SentencePieceBpeTokenizer(pieces, [.. new float[262], -5f, -1f]);
        var spaceAWins = new SentencePieceBpeTokenizer(pieces, [.. new float[262], -1f, -5f]);

        Assert.Equal([259, 263], abWins.Encode("ab"));
        Assert.Equal([262, 261], spaceAWins.Encode("ab"));
        Assert.Equal("ab", abWins.Decode([1, 259, 263, 2]));
    }
}
