using Forgetless.Training.Tokenization;

namespace Forgetless.Training.Tests.Tokenization;

/// <summary>
/// GPT-2's real tokenizer.json and Llama 2's real tokenizer.model (read from ../shared/data/tokenizers, never copied)
/// give the ids that independent implementations give on hard strings: transformers' GPT2Tokenizer BPE and
/// @huggingface/tokenizers for GPT-2, Google's sentencepiece for tokenizer.model (tools/tokenizer-fixtures/ made the
/// committed ids). The two GPT-2 references disagree on U+FEFF only (JavaScript's \s matches it, Python's and Rust's
/// do not); there we follow transformers.
/// </summary>
public class RealTokenizerTests
{
    private const string Gpt2Ids = "gpt2-tokenizer-json.json";
    private const string Gpt2TransformersIds = "gpt2-transformers-bpe.json";
    private const string Llama2Ids = "llama2-tokenizer-model.json";

    public static IEnumerable<object[]> Gpt2Cases() => TokenizerIdFixture.CaseNames(Gpt2Ids);

    /// <summary>Every case without an inline end-of-text token, which Decode drops (it ends a response, it is not text).</summary>
    public static IEnumerable<object[]> Gpt2TextCases() =>
        TokenizerIdFixture.Load(Gpt2Ids).Cases.Where(c => !c.Text.Contains("<|endoftext|>")).Select(c => new object[] { c.Name });

    public static IEnumerable<object[]> Llama2Cases() => TokenizerIdFixture.CaseNames(Llama2Ids);

    private static readonly Lazy<ITokenizer> Gpt2TokenizerJson = new(() => TokenizerFiles.Load(SharedData.PathTo("data", "tokenizers", "gpt2")));

    private static readonly Lazy<ITokenizer> Llama2TokenizerModel = new(() => TokenizerFiles.Load(SharedData.PathTo("data", "tokenizers", "llama2")));

    [SkippableTheory]
    [MemberData(nameof(Gpt2Cases))]
    public void Gpt2_tokenizer_json_encodes_as_transformers_does(string name)
    {
        SharedData.SkipIfAbsent("data", "tokenizers", "gpt2", "tokenizer.json");
        var expected = TokenizerIdFixture.Load(Gpt2TransformersIds)[name];

        Assert.Equal(expected.Ids, Gpt2TokenizerJson.Value.Encode(expected.Text));
    }

    [SkippableTheory]
    [MemberData(nameof(Gpt2Cases))]
    public void Gpt2_tokenizer_json_encodes_as_huggingface_tokenizers_does_where_javascript_reads_whitespace_alike(string name)
    {
        SharedData.SkipIfAbsent("data", "tokenizers", "gpt2", "tokenizer.json");
        var expected = TokenizerIdFixture.Load(Gpt2Ids)[name];
        var ours = Gpt2TokenizerJson.Value.Encode(expected.Text);

        if (expected.Text.Contains('\ufeff')) Assert.NotEqual(expected.Ids, ours);
        else Assert.Equal(expected.Ids, ours);
    }

    [Fact]
    public void The_two_gpt2_references_disagree_only_on_the_text_holding_u_feff()
    {
        var javascript = TokenizerIdFixture.Load(Gpt2Ids);
        var transformers = TokenizerIdFixture.Load(Gpt2TransformersIds);

        var disagreeing = javascript.Cases.Where(c => !c.Ids.SequenceEqual(transformers[c.Name].Ids)).Select(c => c.Name);

        Assert.Equal(["zero_width_and_combining"], disagreeing);
        Assert.Contains('\ufeff', javascript["zero_width_and_combining"].Text);
    }

    /// <summary>The bundled GPT-2 vocabulary (what the demo's compact vocabulary is built on) agrees with the real file.</summary>
    [Theory]
    [MemberData(nameof(Gpt2Cases))]
    public void Bundled_gpt2_tokenizer_encodes_as_transformers_does(string name)
    {
        var expected = TokenizerIdFixture.Load(Gpt2TransformersIds)[name];

        Assert.Equal(expected.Ids, Gpt2Tokenizer.Instance.Encode(expected.Text));
    }

    /// <summary>Byte-level BPE is lossless: decoding gives back every byte (special tokens aside, which Decode drops).</summary>
    [SkippableTheory]
    [MemberData(nameof(Gpt2TextCases))]
    public void Gpt2_decode_of_encode_gives_the_text_back(string name)
    {
        SharedData.SkipIfAbsent("data", "tokenizers", "gpt2", "tokenizer.json");
        var text = TokenizerIdFixture.Load(Gpt2Ids)[name].Text;

        Assert.Equal(text, Gpt2TokenizerJson.Value.Decode(Gpt2TokenizerJson.Value.Encode(text)));
    }

    [SkippableTheory]
    [MemberData(nameof(Llama2Cases))]
    public void Llama2_tokenizer_model_encodes_as_sentencepiece_does(string name)
    {
        SharedData.SkipIfAbsent("data", "tokenizers", "llama2", "tokenizer.model");
        var expected = TokenizerIdFixture.Load(Llama2Ids)[name];

        Assert.Equal(expected.Ids, Llama2TokenizerModel.Value.Encode(expected.Text));
    }

    /// <summary>SentencePiece decodes back to the text wherever sentencepiece itself does (the fixture's decoding).</summary>
    [SkippableTheory]
    [MemberData(nameof(Llama2Cases))]
    public void Llama2_decode_of_encode_gives_what_sentencepiece_decodes(string name)
    {
        SharedData.SkipIfAbsent("data", "tokenizers", "llama2", "tokenizer.model");
        var expected = TokenizerIdFixture.Load(Llama2Ids)[name];

        Assert.Equal(expected.Decoded, Llama2TokenizerModel.Value.Decode(Llama2TokenizerModel.Value.Encode(expected.Text)));
    }

    [Fact]
    public void The_fixtures_hold_every_hard_case_and_a_text_of_more_than_1000_tokens()
    {
        foreach (var file in new[] { Gpt2Ids, Gpt2TransformersIds, Llama2Ids })
        {
            var fixture = TokenizerIdFixture.Load(file);
            Assert.Empty(fixture["empty"].Ids);
            Assert.True(fixture["long_text"].Ids.Length > 1000, $"{file}: long_text has {fixture["long_text"].Ids.Length} ids");
            Assert.Contains(fixture.Cases, c => c.Text.Contains("\r\n"));
            Assert.Contains(fixture.Cases, c => c.Text.Contains('\u00a0'));
        }
    }
}
