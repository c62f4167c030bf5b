using Forgetless.Training.Model;

namespace Forgetless.Training.Tests.Model;

public class LlamaConfigTests
{
    [Fact]
    public void Json_uses_hugging_face_names_and_round_trips()
    {
        var config = LlamaPresets.Tiny(vocabSize: 300) with { EosTokenId = 0 };

        var json = config.ToJson();

        Assert.Contains("\"num_key_value_heads\": 2", json);
        Assert.Contains("\"tie_word_embeddings\": true", json);
        Assert.Contains("\"model_type\": \"llama\"", json);
        Assert.Equal(config, LlamaConfig.FromJson(json));
    }

    [Fact]
    public void Reads_a_hugging_face_config_without_kv_heads_as_multi_head()
    {
        const string json = """
            {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "vocab_size": 32000, "hidden_size": 288,
             "intermediate_size": 768, "num_hidden_layers": 6, "num_attention_heads": 6, "rms_norm_eps": 1e-05,
             "torch_dtype": "float32", "max_position_embeddings": 256}
            """;

        var config = LlamaConfig.FromJson(json);

        Assert.Equal(6, config.KeyValueHeads);
        Assert.Equal(48, config.HeadDim);
        Assert.Equal(1e-5, config.RmsNormEps);
        Assert.Equal(10000.0, config.RopeTheta);
    }

    [Fact]
    public void Hidden_size_not_divisible_by_heads_is_rejected_naming_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => (LlamaPresets.Tiny(10) with { NumAttentionHeads = 5 }).Validate());

        Assert.Equal("hidden_size", error.ParamName);
        Assert.Contains("divisible by num_attention_heads 5", error.Message);
    }

    [Fact]
    public void Heads_not_divisible_by_kv_heads_is_rejected_naming_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => (LlamaPresets.Tiny(10) with { NumKeyValueHeads = 3 }).Validate());

        Assert.Equal("num_key_value_heads", error.ParamName);
    }

    [Fact]
    public void Unknown_preset_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => LlamaPresets.ByName("huge", 10));

        Assert.Contains("tiny, bench17m", error.Message);
    }
}
