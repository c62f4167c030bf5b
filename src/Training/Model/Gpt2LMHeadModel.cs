using Forgetless.Training.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Training.Model;

/// <summary>GPT-2 with its LM head tied to wte (so the checkpoint has no lm_head.weight): ids (B, T) → logits (B, T, V).</summary>
public sealed class Gpt2LMHeadModel : nn.Module<Tensor, Tensor>, ICausalLanguageModel
{
#pragma warning disable IDE1006 // field names are checkpoint keys
    private readonly Gpt2Model transformer;
#pragma warning restore IDE1006

    public Gpt2LMHeadModel(Gpt2Config config) : base(nameof(Gpt2LMHeadModel))
    {
        Config = config.Validate();
        transformer = new Gpt2Model(config);
        RegisterComponents();
        ParameterHandles.Created(this);
    }

    public Gpt2Config Config { get; }

    public int NumLayers => Config.NLayer;

    public int MaxPositions => transformer.MaxPositions;

    public override Tensor forward(Tensor inputIds) => Forward(inputIds, null);

    public Tensor Forward(Tensor inputIds, KeyValueCache? cache)
    {
        using var hidden = transformer.Forward(inputIds, cache);
        return nn.functional.linear(hidden, transformer.Wte.weight!);
    }
}
