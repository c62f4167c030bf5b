using Forgetless.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Training.Tests.Model;

public class LlamaForCausalLMTests
{
    private static readonly string[] LayerKeys =
    [
        "self_attn.q_proj.weight", "self_attn.k_proj.weight", "self_attn.v_proj.weight", "self_attn.o_proj.weight",
        "mlp.gate_proj.weight", "mlp.up_proj.weight", "mlp.down_proj.weight",
        "input_layernorm.weight", "post_attention_layernorm.weight",
    ];

    [Fact]
    public void Maps_ids_of_shape_batch_by_time_to_float32_logits_over_the_vocabulary()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var model = new LlamaForCausalLM(LlamaPresets.Tiny(vocabSize: 50));

        var logits = model.forward(randint(0, 50, [3, 7], dtype: ScalarType.Int64));

        Assert.Equal([3L, 7L, 50L], logits.shape);
        Assert.Equal(ScalarType.Float32, logits.dtype);
    }

    [Fact]
    public void State_dict_keys_are_hugging_face_llama_keys_with_no_lm_head_when_tied()
    {
        using var model = new LlamaForCausalLM(LlamaPresets.Tiny(vocabSize: 50));
        string[] expected =
        [
            "model.embed_tokens.weight",
            .. Enumerable.Range(0, 2).SelectMany(layer => LayerKeys.Select(key => $"model.layers.{layer}.{key}")),
            "model.norm.weight",
        ];

        Assert.Equal(expected, model.state_dict().Keys);
    }

    [Fact]
    public void Untied_model_has_an_lm_head_weight_key_of_shape_vocab_by_hidden()
    {
        using var model = new LlamaForCausalLM(LlamaPresets.Tiny(vocabSize: 50) with { TieWordEmbeddings = false });
        var stateDict = model.state_dict();

        Assert.Equal("lm_head.weight", stateDict.Keys.Last());
        Assert.Equal([50L, 64L], stateDict["lm_head.weight"].shape);
    }

    [Fact]
    public void Weight_shapes_follow_grouped_query_attention()
    {
        // tiny: hidden 64, 4 heads of 16, 2 KV heads → k/v project to 2·16 = 32 rows; intermediate 172.
        using var model = new LlamaForCausalLM(LlamaPresets.Tiny(vocabSize: 50));
        var stateDict = model.state_dict();

        Assert.Equal([64L, 64L], stateDict["model.layers.0.self_attn.q_proj.weight"].shape);
        Assert.Equal([32L, 64L], stateDict["model.layers.0.self_attn.k_proj.weight"].shape);
        Assert.Equal([32L, 64L], stateDict["model.layers.1.self_attn.v_proj.weight"].shape);
        Assert.Equal([172L, 64L], stateDict["model.layers.1.mlp.gate_proj.weight"].shape);
        Assert.Equal([64L, 172L], stateDict["model.layers.1.mlp.down_proj.weight"].shape);
    }

    [Fact]
    public void Initialises_like_hugging_face_normal_weights_and_unit_norms()
    {
        manual_seed(3);
        using var model = new LlamaForCausalLM(LlamaPresets.Tiny(vocabSize: 500));
        var stateDict = model.state_dict();

        var embedding = stateDict["model.embed_tokens.weight"];
        Assert.InRange(embedding.std().item<float>(), 0.019, 0.021);
        Assert.InRange(embedding.mean().item<float>(), -0.001, 0.001);
        Assert.True(stateDict["model.norm.weight"].eq(1).all().item<bool>());
        Assert.True(stateDict["model.layers.0.input_layernorm.weight"].eq(1).all().item<bool>());
    }

    [Fact]
    public void Changing_a_later_token_leaves_earlier_logits_unchanged()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        using var model = new LlamaForCausalLM(LlamaPresets.Tiny(vocabSize: 50));
        var ids = randint(0, 50, [2, 10], dtype: ScalarType.Int64);
        var changed = ids.clone();
        changed[TensorIndex.Colon, 6] = (ids[TensorIndex.Colon, 6] + 1) % 50;

        var before = model.forward(ids);
        var after = model.forward(changed);

        Assert.True(before[.., ..6].allclose(after[.., ..6], rtol: 0, atol: 1e-6));
        Assert.False(before[.., 6..].allclose(after[.., 6..], rtol: 0, atol: 1e-3));
    }

    [Fact]
    public void Positions_beyond_max_position_embeddings_are_a_clear_error()
    {
        using var model = new LlamaForCausalLM(LlamaPresets.Tiny(vocabSize: 50) with { MaxPositionEmbeddings = 8 });

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.forward(zeros([1, 9], ScalarType.Int64)));
        Assert.Contains("max_position_embeddings 8", error.Message);
    }

    [Fact]
    public void Tiny_and_bench17m_have_the_stated_parameter_counts()
    {
        // tiny, vocab 50: embeddings 50·64 = 3200; per layer q,o 64·64 + k,v 32·64 = 12288, MLP 3·64·172 = 33024,
        // norms 128 → 45440, two layers 90880; final norm 64 → 94144 (tied: no head).
        using var tiny = new LlamaForCausalLM(LlamaPresets.Tiny(vocabSize: 50));
        Assert.Equal(94_144, ParameterCount(tiny));

        // bench17m: see LlamaPresets.Bench17M: 3,145,728 + 6·1,770,240 + 384 + 3,145,728.
        using var bench = new LlamaForCausalLM(LlamaPresets.Bench17M());
        Assert.Equal(16_913_280, ParameterCount(bench));
    }

    private static long ParameterCount(nn.Module model) => model.parameters().Sum(parameter => parameter.numel());
}
