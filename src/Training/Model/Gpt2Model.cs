using Forgetless.Training.Tensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Forgetless.Training.Model;

/// <summary>wte + wpe (learned positions) → h blocks → ln_f; HF's "transformer" base model.</summary>
public sealed class Gpt2Model : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names are checkpoint keys
    private readonly Embedding wte;
    private readonly Embedding wpe;
    private readonly ModuleList<Gpt2Block> h;
    private readonly LayerNorm ln_f;
#pragma warning restore IDE1006

    public Gpt2Model(Gpt2Config config) : base(nameof(Gpt2Model))
    {
        wte = nn.Embedding(config.VocabSize, config.NEmbd);
        wpe = nn.Embedding(config.NPositions, config.NEmbd);
        h = nn.ModuleList([.. Enumerable.Range(0, config.NLayer).Select(_ => new Gpt2Block(config))]);
        ln_f = nn.LayerNorm(config.NEmbd, config.LayerNormEpsilon);
        RegisterComponents();
    }

    public Embedding Wte => wte;

    public int MaxPositions => (int)wpe.weight!.shape[0];

    public override Tensor forward(Tensor inputIds) => Forward(inputIds, null);

    public Tensor Forward(Tensor inputIds, KeyValueCache? cache)
    {
        using var scope = NewDisposeScope();
        var (offset, length) = (cache?.Length ?? 0, inputIds.shape[1]);
        if (offset + length > MaxPositions)
            throw new ArgumentOutOfRangeException(nameof(inputIds), $"Positions {offset}..{offset + length - 1} exceed n_positions {MaxPositions}.");
        var positions = HeldScalars.Range(offset, offset + length, 1, ScalarType.Int64, inputIds.device);
        var hidden = wte.call(inputIds).Plus(wpe.call(positions));
        for (var index = 0; index < h.Count; index++) hidden = h[index].Forward(hidden, cache, index);
        cache?.Advance((int)length);
        return ln_f.call(hidden).MoveToOuterDisposeScope();
    }
}
