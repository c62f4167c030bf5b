using Forgetless.Training.Tensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Forgetless.Training.Model;

/// <summary>GPT-NeoX with its LM head embed_out (untied unless tie_word_embeddings): ids (B, T) → logits (B, T, V).</summary>
public sealed class GptNeoXForCausalLM : nn.Module<Tensor, Tensor>, ICausalLanguageModel
{
#pragma warning disable IDE1006 // field names are checkpoint keys
    private readonly GptNeoXModel gpt_neox;
    private readonly Linear? embed_out;
#pragma warning restore IDE1006

    public GptNeoXForCausalLM(GptNeoXConfig config) : base(nameof(GptNeoXForCausalLM))
    {
        Config = config.Validate();
        gpt_neox = new GptNeoXModel(config);
        embed_out = config.TieWordEmbeddings ? null : nn.Linear(config.HiddenSize, config.VocabSize, hasBias: false);
        RegisterComponents();
        ParameterHandles.Created(this);
    }

    public GptNeoXConfig Config { get; }

    public int NumLayers => Config.NumHiddenLayers;

    public int MaxPositions => gpt_neox.MaxPositions;

    public override Tensor forward(Tensor inputIds) => Forward(inputIds, null);

    public Tensor Forward(Tensor inputIds, KeyValueCache? cache)
    {
        using var hidden = gpt_neox.Forward(inputIds, cache);
        return embed_out is null ? nn.functional.linear(hidden, gpt_neox.EmbedIn.weight!) : embed_out.call(hidden);
    }
}
