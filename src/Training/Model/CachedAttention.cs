using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Training.Model;

/// <summary>Causal scaled-dot-product attention over (B, heads, T, d) tensors, optionally extending a KV cache.</summary>
internal static class CachedAttention
{
    public static Tensor Attend(Tensor query, Tensor key, Tensor value, KeyValueCache? cache, int layer)
    {
        if (cache is not null) (key, value) = cache.Append(layer, key, value);
        var length = query.shape[2];
        var mask = KeyValueCache.ShiftedCausalMask(length, key.shape[2], query.dtype, query.device);
        return nn.functional.scaled_dot_product_attention(query, key, value, attn_mask: mask, is_casual: mask is null && length > 1);
    }
}
