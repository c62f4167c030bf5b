using Forgetless.Training.Model;
using Forgetless.Training.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Training.Checkpoints;

/// <summary>A model loaded from (or to be saved as) a Hugging Face folder, with its tokenizer and chat template.</summary>
public sealed class PretrainedModel(nn.Module<Tensor, Tensor> model, CausalLMArchitecture architecture, ITokenizer tokenizer, string chatTemplate, string? sourceFolder) : IDisposable
{
    /// <summary>Input ids (B, T) → logits (B, T, V); its state_dict keys are the checkpoint keys.</summary>
    public nn.Module<Tensor, Tensor> Model { get; } = model;

    public CausalLMArchitecture Architecture { get; } = architecture;

    public ITokenizer Tokenizer { get; } = tokenizer;

    /// <summary>A name from <see cref="PromptTemplates"/>.</summary>
    public string ChatTemplate { get; } = chatTemplate;

    /// <summary>Where the tokenizer files came from; export copies them verbatim.</summary>
    public string? SourceFolder { get; } = sourceFolder;

    public ICausalLanguageModel Causal => CausalLMArchitecture.AsCausal(Model);

    public void Dispose() => Model.Dispose();
}
