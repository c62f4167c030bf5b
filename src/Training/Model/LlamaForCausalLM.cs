using Forgetless.Training.Tensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Forgetless.Training.Model;

/// <summary>
/// Llama with its LM head: input ids (B, T) int64 → logits (B, T, vocab) float32. Field names follow HF, so
/// <c>state_dict()</c> keys are HF's checkpoint keys. With tied embeddings there is no <c>lm_head</c>: the
/// logits reuse <c>model.embed_tokens.weight</c> and, as in HF's saved files, no <c>lm_head.weight</c> key exists.
/// </summary>
public sealed class LlamaForCausalLM : nn.Module<Tensor, Tensor>, ICausalLanguageModel
{
#pragma warning disable IDE1006 // field names are checkpoint keys
    private readonly LlamaModel model;
    private readonly Linear? lm_head;
#pragma warning restore IDE1006

    public LlamaForCausalLM(LlamaConfig config) : base(nameof(LlamaForCausalLM))
    {
        Config = config.Validate();
        model = new LlamaModel(config);
        lm_head = config.TieWordEmbeddings ? null : nn.Linear(config.HiddenSize, config.VocabSize, hasBias: false);
        RegisterComponents();
        InitializeWeights();
        ParameterHandles.Created(this);
    }

    public LlamaConfig Config { get; }

    public LlamaModel Model => model;

    public override Tensor forward(Tensor inputIds) => Forward(inputIds, positionOffset: 0);

    public int NumLayers => Config.NumHiddenLayers;

    public int MaxPositions => model.MaxPositions;

    public Tensor Forward(Tensor inputIds, int positionOffset) => Logits(model.Forward(inputIds, positionOffset));

    public Tensor Forward(Tensor inputIds, KeyValueCache? cache) => Logits(model.Forward(inputIds, cache));

    private Tensor Logits(Tensor hiddenStates)
    {
        using var hidden = hiddenStates;
        return lm_head is null
            ? nn.functional.linear(hidden, model.EmbedTokens.weight!)
            : lm_head.forward(hidden);
    }

    /// <summary>HF's <c>_init_weights</c>: every Linear and Embedding weight ~ N(0, initializer_range); norms stay 1.</summary>
    private void InitializeWeights()
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in named_parameters())
        {
            if (!name.EndsWith("norm.weight", StringComparison.Ordinal))
            {
                nn.init.normal_(parameter, 0.0, Config.InitializerRange);
            }
        }
    }
}
