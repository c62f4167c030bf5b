using Forgetless.Training.Tokenization;

namespace Forgetless.Training.Tests.Tokenization;

public class Gpt2TokenizerTests
{
    private readonly Gpt2Tokenizer _tokenizer = Gpt2Tokenizer.Instance;

    [Fact]
    public void Encodes_hello_world_as_gpt2s_own_ids()
    {
        Assert.Equal([15496, 995, 0], _tokenizer.Encode("Hello world!"));
    }

    [Fact]
    public void Adds_no_special_tokens_and_uses_end_of_text_as_eos_and_pad()
    {
        Assert.DoesNotContain(50256, _tokenizer.Encode("Hello world!"));
        Assert.Equal(50256, _tokenizer.EosId);
        Assert.Equal(50256, _tokenizer.PadId);
        Assert.Equal(50257, _tokenizer.VocabSize);
        Assert.Null(_tokenizer.BosId);
    }

    [Theory]
    [InlineData("Grüße aus Köln — ça va? 日本語のテキスト 🙂")]
    [InlineData("  leading spaces,\ttabs\nand newlines\n\n")]
    public void Round_trips_text_exactly(string text)
    {
        Assert.Equal(text, _tokenizer.Decode(_tokenizer.Encode(text)));
    }
}
