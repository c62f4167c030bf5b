using Forgetless.Training.Tensors;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Forgetless.Training.Lora;

/// <summary>
/// LoRA adapters attached to a model's target Linear layers through forward hooks, so the model's own parameter
/// names (its checkpoint keys) stay untouched. Attaching freezes every base parameter: only adapters train.
/// <see cref="Disabled"/> turns them off temporarily, which makes the same weights the DPO reference model.
/// </summary>
public sealed class LoraAdapters : nn.Module
{
    private readonly ModuleList<LoraAdapter> adapters = new();
    private readonly List<(string Path, Linear Target, nn.HookableModule<Func<nn.Module<Tensor, Tensor>, Tensor, Tensor>, Func<nn.Module<Tensor, Tensor>, Tensor, Tensor, Tensor>>.HookRemover Hook)> attached = [];

    private readonly Generator dropoutGenerator;

    private LoraAdapters(LoraConfig config, Device device) : base(nameof(LoraAdapters))
    {
        Config = config;
        dropoutGenerator = new Generator(0, device);
    }

    public LoraConfig Config { get; }

    public bool Enabled { get; set; } = true;

    /// <summary>Module paths of the adapted layers, e.g. model.layers.0.self_attn.q_proj.</summary>
    public IReadOnlyList<string> Paths => [.. attached.Select(a => a.Path)];

    public static LoraAdapters Attach(nn.Module model, LoraConfig config)
    {
        config.Validate();
        var lora = new LoraAdapters(config, model.parameters().First().device);
        foreach (var (path, module) in model.named_modules())
        {
            if (module is not Linear linear || !config.TargetModules.Contains(path[(path.LastIndexOf('.') + 1)..])) continue;
            var weight = linear.weight!;
            var adapter = new LoraAdapter(weight.shape[1], weight.shape[0], config.Rank, config.Dropout, lora.dropoutGenerator).to(weight.device);
            lora.adapters.Add(adapter);
            var hook = linear.register_forward_hook((target, input, output) =>
            {
                if (!lora.Enabled) return output;
                adapter.train(target.training); // dropout follows the model's train/eval mode
                using var scaling = config.Scaling.ToScalar(); // held: a temporary Scalar may be finalized mid-call
                return output.Plus(adapter.forward(input).mul(scaling));
            });
            lora.attached.Add((path, linear, hook));
        }
        if (lora.attached.Count == 0)
            throw new ArgumentException($"No Linear layer matches target_modules [{string.Join(", ", config.TargetModules)}].", nameof(config));
        foreach (var parameter in model.parameters()) parameter.requires_grad = false;
        lora.RegisterComponents();
        return lora;
    }

    /// <summary>Restarts the dropout masks' generator; a trainer seeds it before every step so that a resumed run draws the same masks.</summary>
    public void SeedDropout(long seed) => dropoutGenerator.manual_seed(seed);

    /// <summary>Turns the adapters off until the returned scope is disposed (the base model, e.g. as DPO reference).</summary>
    public IDisposable Disabled()
    {
        var previous = Enabled;
        Enabled = false;
        return new Restore(() => Enabled = previous);
    }

    /// <summary>Adds (alpha / r) · B A into each target weight and detaches the hooks; the model is then plain.</summary>
    public void MergeAndUnload()
    {
        using (no_grad())
            for (var i = 0; i < attached.Count; i++)
            {
                using var delta = adapters[i].B.matmul(adapters[i].A).Times(Config.Scaling);
                attached[i].Target.weight!.AddInPlace(delta);
            }
        Unload();
    }

    /// <summary>Detaches the hooks without merging: the model returns to its base weights.</summary>
    public void Unload()
    {
        foreach (var (_, _, hook) in attached) hook.remove();
        attached.Clear();
    }

    /// <summary>PEFT layout: adapter_config.json + adapter_model.safetensors with base_model.model.&lt;path&gt;.lora_A.weight keys.</summary>
    public void SavePeft(string folder, string? baseModel = null)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "adapter_config.json"), Config.ToPeftJson(baseModel));
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (var i = 0; i < attached.Count; i++)
        {
            state[$"base_model.model.{attached[i].Path}.lora_A.weight"] = adapters[i].A.detach().cpu();
            state[$"base_model.model.{attached[i].Path}.lora_B.weight"] = adapters[i].B.detach().cpu();
        }
        Safetensors.SaveStateDict(Path.Combine(folder, "adapter_model.safetensors"), state);
    }

    /// <summary>Attaches the adapter saved in a PEFT folder to <paramref name="model"/>; every key and shape must match.</summary>
    public static LoraAdapters LoadPeft(nn.Module model, string folder)
    {
        var config = LoraConfig.FromPeftJson(File.ReadAllText(Path.Combine(folder, "adapter_config.json")));
        var lora = Attach(model, config);
        try
        {
            lora.LoadWeights(folder);
        }
        catch (InvalidDataException)
        {
            lora.Unload();
            foreach (var parameter in model.parameters()) parameter.requires_grad = true;
            throw;
        }
        return lora;
    }

    /// <summary>Copies the A and B weights of a PEFT folder into these adapters; on any missing key or wrong shape nothing is copied.</summary>
    public void LoadWeights(string folder)
    {
        var file = Path.Combine(folder, "adapter_model.safetensors");
        var saved = Safetensors.LoadStateDict(file);
        try
        {
            var pairs = attached.Select((a, i) => (a.Path, Adapter: adapters[i])).ToList();
            var problems = new List<string>();
            foreach (var (path, adapter) in pairs)
                foreach (var (suffix, target) in new[] { ("lora_A", adapter.A), ("lora_B", adapter.B) })
                {
                    var key = $"base_model.model.{path}.{suffix}.weight";
                    if (!saved.TryGetValue(key, out var value)) problems.Add($"missing '{key}' (expected shape [{string.Join(", ", target.shape)}])");
                    else if (!value.shape.SequenceEqual(target.shape)) problems.Add($"'{key}' has shape [{string.Join(", ", value.shape)}], expected [{string.Join(", ", target.shape)}]");
                }
            if (problems.Count > 0)
                throw new InvalidDataException($"{file} does not fit the model; nothing was loaded:\n  " + string.Join("\n  ", problems));
            using (no_grad())
                foreach (var (path, adapter) in pairs)
                {
                    adapter.A.copy_(saved[$"base_model.model.{path}.lora_A.weight"]);
                    adapter.B.copy_(saved[$"base_model.model.{path}.lora_B.weight"]);
                }
        }
        finally
        {
            foreach (var tensor in saved.Values) tensor.Dispose();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) dropoutGenerator.Dispose();
        base.Dispose(disposing);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
