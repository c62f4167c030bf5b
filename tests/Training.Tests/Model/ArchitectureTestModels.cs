using Forgetless.Training.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Training.Tests.Model;

/// <summary>Tiny random configurations of every architecture, as config.json text, for cross-checks and round trips.</summary>
internal static class ArchitectureTestModels
{
    public const string Llama = """{"architectures":["LlamaForCausalLM"],"vocab_size":300,"hidden_size":32,"intermediate_size":64,"num_hidden_layers":2,"num_attention_heads":4,"num_key_value_heads":2,"max_position_embeddings":64,"rms_norm_eps":1e-6,"rope_theta":10000.0,"tie_word_embeddings":false,"bos_token_id":1,"eos_token_id":2}""";

    public const string Qwen2 = """{"architectures":["Qwen2ForCausalLM"],"vocab_size":300,"hidden_size":32,"intermediate_size":64,"num_hidden_layers":2,"num_attention_heads":4,"num_key_value_heads":2,"max_position_embeddings":64,"rms_norm_eps":1e-6,"rope_theta":10000.0,"tie_word_embeddings":false,"bos_token_id":1,"eos_token_id":2}""";

    public static string GptNeoX(double rotaryPct = 0.25, bool parallel = true) => $$"""{"architectures":["GPTNeoXForCausalLM"],"vocab_size":300,"hidden_size":32,"intermediate_size":128,"num_hidden_layers":2,"num_attention_heads":4,"rotary_pct":{{rotaryPct}},"max_position_embeddings":64,"use_parallel_residual":{{(parallel ? "true" : "false")}},"bos_token_id":0,"eos_token_id":0}""";

    public const string Gpt2 = """{"architectures":["GPT2LMHeadModel"],"vocab_size":300,"n_positions":64,"n_embd":32,"n_layer":2,"n_head":4,"bos_token_id":2,"eos_token_id":2}""";

    public static IEnumerable<object[]> All() => [["llama"], ["qwen2"], ["gpt_neox"], ["gpt2"]];

    public static string ConfigFor(string name) => name switch
    {
        "llama" => Llama, "qwen2" => Qwen2, "gpt_neox" => GptNeoX(), "gpt2" => Gpt2,
        _ => throw new ArgumentException(name),
    };

    /// <summary>Builds the model and gives every parameter (biases and norms included) random values.</summary>
    public static nn.Module<Tensor, Tensor> Create(string configJson, int seed)
    {
        manual_seed(seed);
        var model = CausalLMArchitectures.FromConfig(configJson, "test").Create(configJson);
        using (no_grad())
            foreach (var parameter in model.parameters()) parameter.normal_(0, 0.2);
        model.eval();
        return model;
    }
}
