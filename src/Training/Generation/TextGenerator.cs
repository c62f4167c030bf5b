using Forgetless.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Training.Generation;

/// <summary>
/// Continues a prompt token by token until a stop token, the token budget or the model's context is reached.
/// With the KV cache the prompt is run once and each step feeds only the newest token.
/// </summary>
public static class TextGenerator
{
    /// <returns>The new tokens only (no prompt, no stop token).</returns>
    public static IReadOnlyList<int> Generate(ICausalLanguageModel model, IReadOnlyList<int> prompt, GenerationOptions options)
    {
        options.Validate();
        if (prompt.Count == 0) throw new ArgumentException("The prompt needs at least one token (e.g. BOS).", nameof(prompt));
        var module = model as nn.Module ?? throw new ArgumentException("The model must be a TorchSharp module.", nameof(model));
        var device = module.parameters().First().device;
        var wasTraining = module.training;
        module.eval();
        try
        {
            using var noGrad = no_grad();
            using var sampler = new TokenSampler(options);
            using var cache = options.UseKeyValueCache ? new KeyValueCache(model.NumLayers) : null;
            var tokens = new List<int>(prompt);
            var generated = new List<int>();
            var pending = prompt.Select(id => (long)id).ToArray();
            while (generated.Count < options.MaxNewTokens && tokens.Count < model.MaxPositions)
            {
                using var scope = NewDisposeScope();
                var input = tensor(cache is null ? [.. tokens.Select(id => (long)id)] : pending, device: device).unsqueeze(0);
                var logits = model.Forward(input, cache);
                var next = sampler.Next(logits[0, -1]);
                if (options.StopTokenIds.Contains(next)) break;
                generated.Add(next);
                tokens.Add(next);
                pending = [next];
            }
            return generated;
        }
        finally
        {
            module.train(wasTraining);
        }
    }
}
