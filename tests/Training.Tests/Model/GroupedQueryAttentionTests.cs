using Forgetless.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Training.Tests.Model;

public class GroupedQueryAttentionTests
{
    [Fact]
    public void Grouped_query_model_equals_multi_head_model_with_each_kv_head_repeated()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var grouped = LlamaPresets.Tiny(vocabSize: 40); // 4 heads over 2 KV heads of dim 16
        using var gqa = new LlamaForCausalLM(grouped);
        using var mha = new LlamaForCausalLM(grouped with { NumKeyValueHeads = 4 });

        using (no_grad())
        {
            var target = mha.state_dict();
            foreach (var (key, value) in gqa.state_dict())
            {
                // Query heads 0,1 read KV head 0 and heads 2,3 read KV head 1 (HF repeat_kv), so repeat each
                // KV head's 16 rows twice, in place.
                var isKv = key.EndsWith("k_proj.weight", StringComparison.Ordinal) || key.EndsWith("v_proj.weight", StringComparison.Ordinal);
                target[key].copy_(isKv ? value.view(2, 16, 64).repeat_interleave(2, 0).reshape(64, 64) : value);
            }
        }

        var ids = randint(0, 40, [2, 9], dtype: ScalarType.Int64);

        Assert.True(gqa.forward(ids).allclose(mha.forward(ids), rtol: 1e-5, atol: 1e-6));
    }
}
