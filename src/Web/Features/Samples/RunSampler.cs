using Forgetless.Data.Entities;
using Forgetless.Training.Datasets;
using Forgetless.Training.Generation;
using Forgetless.Training.Model;
using Forgetless.Training.Running.Experiments;
using Forgetless.Web.Service.Storage;
using Forgetless.Web.Service.Training;
using TorchSharp.PyBridge;

namespace Forgetless.Web.Features.Samples;

/// <summary>
/// Answers prompts with a run's last checkpoint the way the run saw text in training: its experiment's tokenizer
/// (a compact vocabulary built from the experiment's data) and prompt template, greedy decoding, stop at EOS.
/// </summary>
public sealed partial class RunSampler(DataDirectory dataDirectory, TrainingOptions options)
{
    /// <summary>One answer per prompt, from the run's last checkpoint (loaded once).</summary>
    /// <param name="run">A run with its experiment and both datasets loaded, and a checkpoint.</param>
    public IReadOnlyList<string> Answer(Run run, IReadOnlyList<string> prompts, int maxNewTokens)
    {
        var data = Data(run);
        var weights = Path.Combine(dataDirectory.Resolve(run.LastCheckpointPath!), "model.safetensors");
        using var model = new LlamaForCausalLM(data.ModelConfig);
        model.load_safetensors(weights);
        model.eval();
        return prompts.Select(prompt =>
        {
            var rendered = data.Template.Render(Prompt.FromTurns([new ChatTurn("user", prompt)]));
            var generated = TextGenerator.Generate(model, data.Tokenizer.Encode(rendered), GenerationOptions.Greedy(maxNewTokens, data.Tokenizer.EosId));
            // Ids outside the experiment's compact vocabulary decode to U+FFFD: show how many, not a row of boxes.
            return UnknownRun().Replace(data.Tokenizer.Decode(generated).Trim(), m => $"⟨unknown token ×{m.Length}⟩");
        }).ToList();
    }

    /// <summary>The user turns of the experiment's held-out preference prompts: questions no run trained on.</summary>
    public IReadOnlyList<string> HeldOutPrompts(Run run, int count)
    {
        var data = Data(run);
        return data.Preferences.TakeLast(data.PreferenceHeldOut.Count)
            .Select(p => p.Prompt.Text ?? p.Prompt.Turns.LastOrDefault(t => t.Role == "user")?.Content)
            .OfType<string>().Where(p => p.Length > 0 && !p.Contains('\n')).Distinct().Take(count).ToList();
    }

    // Prepared once per experiment and cached by the engine.
    private ExperimentData Data(Run run) =>
        ExperimentData.Prepare(EngineSpecs.Experiment(run.Experiment!, run, dataDirectory, options), dataDirectory.Resolve($"experiments/{run.ExperimentId}"));

    [System.Text.RegularExpressions.GeneratedRegex("\uFFFD+")]
    private static partial System.Text.RegularExpressions.Regex UnknownRun();
}
