using Forgetless.Training.Tensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Forgetless.Training.Model;

/// <summary>
/// Causal self-attention with rotary positions and grouped-query attention as in HF's <c>LlamaAttention</c>:
/// each group of <c>num_attention_heads / num_key_value_heads</c> query heads shares one key/value head
/// (HF's <c>repeat_kv</c>: query head h reads KV head h / n_rep). No biases. Input (B, T, hidden).
/// </summary>
public sealed class LlamaAttention : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names are checkpoint keys
    private readonly Linear q_proj;
    private readonly Linear k_proj;
    private readonly Linear v_proj;
    private readonly Linear o_proj;
#pragma warning restore IDE1006
    private readonly int _heads;
    private readonly int _kvHeads;
    private readonly int _headDim;

    public LlamaAttention(LlamaConfig config) : base(nameof(LlamaAttention))
    {
        (_heads, _kvHeads, _headDim) = (config.NumAttentionHeads, config.KeyValueHeads, config.HeadDim);
        q_proj = nn.Linear(config.HiddenSize, _heads * _headDim, hasBias: config.QueryKeyValueBias);
        k_proj = nn.Linear(config.HiddenSize, _kvHeads * _headDim, hasBias: config.QueryKeyValueBias);
        v_proj = nn.Linear(config.HiddenSize, _kvHeads * _headDim, hasBias: config.QueryKeyValueBias);
        o_proj = nn.Linear(_heads * _headDim, config.HiddenSize, hasBias: false);
        RegisterComponents();
    }

    /// <param name="hidden">(B, T, hidden_size)</param>
    /// <param name="cos">(T, head_dim) rotary rows for these positions.</param>
    /// <param name="sin">(T, head_dim)</param>
    public override Tensor forward(Tensor hidden, Tensor cos, Tensor sin) => Forward(hidden, cos, sin, null, 0);

    /// <param name="cache">When given, this step's keys/values are appended to layer <paramref name="layer"/>'s entries.</param>
    public Tensor Forward(Tensor hidden, Tensor cos, Tensor sin, KeyValueCache? cache, int layer)
    {
        using var scope = NewDisposeScope();
        var (batch, length) = (hidden.shape[0], hidden.shape[1]);
        var query = ApplyRotary(Heads(q_proj.call(hidden), _heads), cos, sin);
        var key = ApplyRotary(Heads(k_proj.call(hidden), _kvHeads), cos, sin);
        var value = Heads(v_proj.call(hidden), _kvHeads);

        // The cache appends before the repeat; with cached keys the causal mask is aligned bottom-right, which
        // is_casual (top-left) is not, so a shifted mask is passed (none for a single new token).
        if (cache is not null) (key, value) = cache.Append(layer, key, value);
        var mask = KeyValueCache.ShiftedCausalMask(length, key.shape[2], query.dtype, query.device);
        var attended = nn.functional.scaled_dot_product_attention(
            query, RepeatKv(key), RepeatKv(value), attn_mask: mask, is_casual: mask is null && length > 1);
        var merged = attended.transpose(1, 2).reshape(batch, length, _heads * _headDim);
        return o_proj.call(merged).MoveToOuterDisposeScope();
    }

    /// <summary>(B, T, n·d) → (B, n, T, d).</summary>
    private Tensor Heads(Tensor projected, int count) =>
        projected.view(projected.shape[0], projected.shape[1], count, _headDim).transpose(1, 2);

    private Tensor RepeatKv(Tensor kv)
    {
        var repeats = _heads / _kvHeads;
        if (repeats == 1)
        {
            return kv;
        }

        var (batch, length) = (kv.shape[0], kv.shape[2]);
        return kv.unsqueeze(2).expand(batch, _kvHeads, repeats, length, _headDim)
            .reshape(batch, _heads, length, _headDim);
    }

    /// <summary>HF's <c>q * cos + rotate_half(q) * sin</c>, with <c>rotate_half(x) = cat(-x2, x1)</c>.</summary>
    internal static Tensor ApplyRotary(Tensor x, Tensor cos, Tensor sin)
    {
        var half = x.shape[^1] / 2;
        var rotated = cat([-x.narrow(-1, half, half), x.narrow(-1, 0, half)], -1);
        return (x * cos.to_type(x.dtype)).Plus(rotated * sin.to_type(x.dtype));
    }
}
