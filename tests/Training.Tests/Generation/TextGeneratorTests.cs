using Forgetless.Training.Generation;
using Forgetless.Training.Model;
using static TorchSharp.torch;

namespace Forgetless.Training.Tests.Generation;

public class TextGeneratorTests
{
    private static LlamaForCausalLM TinyModel()
    {
        manual_seed(11);
        return new LlamaForCausalLM(LlamaPresets.Tiny(vocabSize: 97));
    }

    [Fact]
    public void Cached_and_uncached_greedy_decoding_give_identical_tokens()
    {
        using var model = TinyModel();
        int[] prompt = [5, 17, 42, 8];

        var cached = TextGenerator.Generate(model, prompt, GenerationOptions.Greedy(30));
        var uncached = TextGenerator.Generate(model, prompt, GenerationOptions.Greedy(30) with { UseKeyValueCache = false });

        Assert.Equal(30, cached.Count);
        Assert.Equal(uncached, cached);
    }

    [Fact]
    public void A_chunk_fed_after_a_cached_prefix_gets_the_logits_of_the_whole_sequence()
    {
        using var model = TinyModel();
        model.eval();
        using var noGrad = no_grad();
        using var ids = tensor(new long[] { 3, 9, 27, 81, 2, 44, 60 }).unsqueeze(0);

        using var whole = model.forward(ids);
        using var cache = new KeyValueCache(model.NumLayers);
        using var prefix = model.Forward(ids.narrow(1, 0, 3), cache);
        using var rest = model.Forward(ids.narrow(1, 3, 4), cache); // 4 queries over 7 keys: the shifted causal mask

        Assert.Equal(7, cache.Length);
        Assert.True(allclose(cat([prefix, rest], 1), whole, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void Sampling_with_the_same_seed_repeats_and_a_tiny_nucleus_is_greedy()
    {
        using var model = TinyModel();
        int[] prompt = [1, 2, 3];
        var sampling = new GenerationOptions { MaxNewTokens = 25, Temperature = 1.5, TopP = 0.95, Seed = 123 };

        var first = TextGenerator.Generate(model, prompt, sampling);
        var second = TextGenerator.Generate(model, prompt, sampling);
        var otherSeed = TextGenerator.Generate(model, prompt, sampling with { Seed = 124 });
        var nucleusOfOne = TextGenerator.Generate(model, prompt, sampling with { TopP = 1e-6 });

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
        Assert.Equal(TextGenerator.Generate(model, prompt, GenerationOptions.Greedy(25)), nucleusOfOne);
    }

    [Fact]
    public void Generation_stops_at_a_stop_token_and_leaves_it_out()
    {
        using var model = TinyModel();
        var greedy = TextGenerator.Generate(model, [4, 4], GenerationOptions.Greedy(20));
        var stopAt = greedy[5];

        var stopped = TextGenerator.Generate(model, [4, 4], GenerationOptions.Greedy(20, stopAt));

        Assert.Equal(greedy.TakeWhile(id => id != stopAt), stopped);
    }
}
