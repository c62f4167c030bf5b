using Forgetless.Training.Checkpoints;
using Forgetless.Training.Generation;
using Forgetless.Training.Model;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Forgetless.Training.Tests.Model;

/// <summary>
/// Logits and greedy tokens against transformers' own, from fixtures made by tools/make_parity_fixtures.py
/// (committed with the script when a machine with torch + transformers was at hand; skipped when absent).
/// </summary>
public class ParityTests
{
    public static IEnumerable<object[]> Architectures() => [["llama"], ["qwen2"], ["gpt_neox"], ["gpt2"]];

    private static string FixtureFolder(string arch)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "forgetless")))
                return Path.Combine(dir.FullName, "tests", "Training.Tests", "Fixtures", "parity", arch);
        return Path.Combine("tests", "Training.Tests", "Fixtures", "parity", arch);
    }

    private static (nn.Module<Tensor, Tensor> Model, CausalLMArchitecture Architecture, Dictionary<string, Tensor> Expected) LoadFixture(string arch)
    {
        var folder = FixtureFolder(arch);
        Skip.IfNot(File.Exists(Path.Combine(folder, "expected.safetensors")),
            $"no transformers parity fixture in {folder}: run `python tools/make_parity_fixtures.py` on a machine with torch and transformers, then commit the output.");
        var configJson = File.ReadAllText(Path.Combine(folder, "config.json"));
        var architecture = CausalLMArchitectures.FromConfig(configJson, folder);
        var model = architecture.Create(configJson);
        CheckpointWeights.Load(model, folder, architecture.OptionalKey, architecture.IgnorableKey, architecture.BasePrefix);
        model.eval();
        return (model, architecture, Safetensors.LoadStateDict(Path.Combine(folder, "expected.safetensors")));
    }

    [SkippableTheory]
    [MemberData(nameof(Architectures))]
    public void Logits_equal_transformers_within_1e4_relative(string arch)
    {
        var (model, _, expected) = LoadFixture(arch);
        using var noGrad = no_grad();

        using var logits = model.forward(expected["input_ids"]);

        Assert.Equal(expected["logits"].shape, logits.shape);
        Assert.True(logits.allclose(expected["logits"], rtol: 1e-4, atol: 1e-5),
            $"max abs difference {(logits - expected["logits"]).abs().max().item<float>()}");
    }

    [SkippableTheory]
    [MemberData(nameof(Architectures))]
    public void Greedy_generation_with_the_cache_equals_transformers_generate(string arch)
    {
        var (model, _, expected) = LoadFixture(arch);
        var prompt = expected["greedy_prompt"].data<long>().Select(id => (int)id).ToArray();
        var tokens = expected["greedy_tokens"].data<long>().Select(id => (int)id).ToArray();

        var generated = TextGenerator.Generate((ICausalLanguageModel)model, prompt, GenerationOptions.Greedy(tokens.Length));

        Assert.Equal(tokens, generated);
    }

    /// <summary>
    /// The export writes the same keys, shapes and values transformers saved. With FORGETLESS_PARITY_EXPORT set, the
    /// export is kept there for `python tools/make_parity_fixtures.py --check-export DIR` (transformers loads it).
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(Architectures))]
    public void The_export_holds_exactly_the_tensors_transformers_saved(string arch)
    {
        var (model, architecture, _) = LoadFixture(arch);
        var keep = Environment.GetEnvironmentVariable("FORGETLESS_PARITY_EXPORT");
        var output = keep is null ? Directory.CreateTempSubdirectory("forgetless-parity-").FullName : Path.Combine(keep, arch);
        try
        {
            HuggingFaceCheckpoint.SaveModel(model, architecture, output);
            var original = Safetensors.LoadStateDict(Path.Combine(FixtureFolder(arch), "model.safetensors"));
            var exported = Safetensors.LoadStateDict(Path.Combine(output, "model.safetensors"));
            var comparable = original.Keys.Select(k => architecture.BasePrefix is { } p && !exported.ContainsKey(k) ? (File: k, Ours: p + k) : (File: k, Ours: k))
                .Where(k => exported.ContainsKey(k.Ours)).ToList();

            Assert.Equal(exported.Count, comparable.Count);
            foreach (var (file, ours) in comparable) Assert.True(exported[ours].allclose(original[file], rtol: 0, atol: 0), file);
            Assert.Equal(architecture.Name, CausalLMArchitectures.FromConfig(File.ReadAllText(Path.Combine(output, "config.json")), output).Name);
        }
        finally
        {
            if (keep is null) Directory.Delete(output, recursive: true);
        }
    }
}
