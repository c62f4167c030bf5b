using Forgetless.Training.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Training.Model;

/// <summary>
/// HF Llama's rotary tables, precomputed for every position: <c>inv_freq = 1 / theta^(2i/d)</c>,
/// <c>emb = cat(freqs, freqs)</c>, then cos and sin (shape (max_positions, head_dim)). They are derived from the
/// config, so they are non-persistent buffers: they move with the module but are not checkpoint keys.
/// </summary>
public sealed class RotaryEmbedding : nn.Module
{
#pragma warning disable IDE1006 // buffer names mirror HF
    private Tensor cos_cached;
    private Tensor sin_cached;
#pragma warning restore IDE1006

    public RotaryEmbedding(LlamaConfig config) : base(nameof(RotaryEmbedding))
    {
        using (NewDisposeScope())
        {
            var dim = config.HeadDim;
            // float32 throughout, as transformers computes it, so the tables match bit for bit where possible.
            var exponents = HeldScalars.Range(0, dim, 2, ScalarType.Int64).to_type(ScalarType.Float32).DividedBy(dim);
            var invFreq = tensor((float)config.RopeTheta).pow(exponents).reciprocal();
            var positions = HeldScalars.Range(0, config.MaxPositionEmbeddings, 1, ScalarType.Int64).to_type(ScalarType.Float32);
            var freqs = outer(positions, invFreq);
            var emb = cat([freqs, freqs], -1);
            cos_cached = emb.cos().DetachFromDisposeScope();
            sin_cached = emb.sin().DetachFromDisposeScope();
        }

        register_buffer(nameof(cos_cached), cos_cached, persistent: false);
        register_buffer(nameof(sin_cached), sin_cached, persistent: false);
    }

    /// <summary>The device the tables live on (they follow the module's <c>to(device)</c>).</summary>
    public Device Device => cos_cached.device;

    public int MaxPositions => (int)cos_cached.shape[0];

    /// <summary>
    /// TorchSharp 0.107's <c>Module.to</c> moves only persistent buffers (its <c>named_buffers</c> skips the others),
    /// so the tables follow the device here. Their dtype stays float32: they are cast to the activations' dtype on use,
    /// as HF does.
    /// </summary>
    protected override void _toEpilog(ScalarType? dtype, Device? device, bool non_blocking)
    {
        base._toEpilog(dtype, device, non_blocking);
        if (device is null || cos_cached.device == device)
        {
            return;
        }

        (cos_cached, sin_cached) = (Move(cos_cached, device), Move(sin_cached, device));
        _internal_buffers[nameof(cos_cached)] = (cos_cached, false);
        _internal_buffers[nameof(sin_cached)] = (sin_cached, false);
    }

    private static Tensor Move(Tensor table, Device device)
    {
        var moved = table.to(device).DetachFromDisposeScope();
        table.Dispose();
        return moved;
    }

    /// <summary>
    /// Module.Dispose leaves non-persistent buffers alone in TorchSharp 0.107 (it disposes what named_buffers lists), and
    /// the tables stayed counted after every model: dispose them here.
    /// </summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            cos_cached.Dispose();
            sin_cached.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The (length, head_dim) cos and sin rows for positions offset..offset+length-1 (views, not copies).</summary>
    public (Tensor Cos, Tensor Sin) Slice(int offset, int length)
    {
        if (offset < 0 || offset + length > MaxPositions)
        {
            throw new ArgumentOutOfRangeException(nameof(length),
                $"Positions {offset}..{offset + length - 1} exceed max_position_embeddings {MaxPositions}.");
        }

        return (cos_cached.narrow(0, offset, length), sin_cached.narrow(0, offset, length));
    }
}
