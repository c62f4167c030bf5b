using Forgetless.Training.Tokenization;

namespace Forgetless.Training.Tests.Tokenization;

/// <summary>
/// GPT-2's real tokenizer.json and Llama 2's real tokenizer.model (read from ../shared/data/tokenizers, never copied)
/// give the ids that independent implementations give on hard strings: @huggingface/tokenizers for tokenizer.json,
/// Google's sentencepiece for tokenizer.model (tools/tokenizer-fixtures/ made the committed ids).
/// </summary>
public class RealTokenizerTests
{
    private const string Gpt2Ids = "gpt2-tokenizer-json.json";
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
    public void Gpt2_tokenizer_json_encodes_as_huggingface_tokenizers_does(string name)
    {
        SharedData.SkipIfAbsent("data", "tokenizers", "gpt2", "tokenizer.json");
        var expected = TokenizerIdFixture.Load(Gpt2Ids)[name];

        Assert.Equal(expected.Ids, Gpt2TokenizerJson.Value.Encode(expected.Text));
    }

    /// <summary>The bundled GPT-2 vocabulary (what the demo's compact vocabulary is built on) agrees with the real file.</summary>
    [Theory]
    [MemberData(nameof(Gpt2Cases))]
    public void Bundled_gpt2_tokenizer_encodes_as_huggingface_tokenizers_does(string name)
    {
        var expected = TokenizerIdFixture.Load(Gpt2Ids)[name];

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
        foreach (var file in new[] { Gpt2Ids, Llama2Ids })
        {
            var fixture = TokenizerIdFixture.Load(file);
            Assert.Empty(fixture["empty"].Ids);
            Assert.True(fixture["long_text"].Ids.Length > 1000, $"{file}: long_text has {fixture["long_text"].Ids.Length} ids");
            Assert.Contains(fixture.Cases, c => c.Text.Contains("\r\n"));
            Assert.Contains(fixture.Cases, c => c.Text.Contains('\u00a0'));
        }
    }
}
