using Forgetless.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Training.Checkpoints;

/// <summary>
/// One Hugging Face architecture (<c>config.json</c> "architectures"[0]): how to build the model from its config,
/// and which checkpoint keys may be absent (a tied lm_head) or ignored (buffers old checkpoints carry).
/// </summary>
public sealed record CausalLMArchitecture
{
    public required string Name { get; init; }

    /// <summary>The chat template used when none is chosen, from the model family (and config).</summary>
    public required Func<nn.Module<Tensor, Tensor>, string> DefaultTemplate { get; init; }

    /// <summary>Builds a randomly initialised model from config.json text; throws naming the field for unsupported options.</summary>
    public required Func<string, nn.Module<Tensor, Tensor>> Create { get; init; }

    /// <summary>The model's config.json text, as transformers reads it (for a model built here, not loaded).</summary>
    public required Func<nn.Module<Tensor, Tensor>, string> ConfigJson { get; init; }

    public Func<string, bool> OptionalKey { get; init; } = _ => false;

    public Func<string, bool> IgnorableKey { get; init; } = key => key.EndsWith("rotary_emb.inv_freq", StringComparison.Ordinal);

    /// <summary>The base model's prefix, for checkpoints saved without it ("transformer." for GPT-2).</summary>
    public string? BasePrefix { get; init; }

    internal static ICausalLanguageModel AsCausal(nn.Module<Tensor, Tensor> model) =>
        model as ICausalLanguageModel ?? throw new InvalidOperationException($"{model.GetType().Name} does not support generation.");
}
