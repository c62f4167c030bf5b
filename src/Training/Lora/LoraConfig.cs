using System.Text.Json;
using System.Text.Json.Serialization;

namespace Forgetless.Training.Lora;

/// <summary>LoRA settings with PEFT's adapter_config.json names; the update is (alpha / r) · B A x.</summary>
public sealed record LoraConfig
{
    [JsonPropertyName("r")] public int Rank { get; init; } = 8;

    [JsonPropertyName("lora_alpha")] public double Alpha { get; init; } = 16;

    [JsonPropertyName("lora_dropout")] public double Dropout { get; init; }

    /// <summary>Last path segments of the Linear layers to adapt (q_proj, v_proj, ...), as PEFT matches them.</summary>
    [JsonPropertyName("target_modules")] public IReadOnlyList<string> TargetModules { get; init; } = ["q_proj", "v_proj"];

    [JsonIgnore] public double Scaling => Alpha / Rank;

    public LoraConfig Validate()
    {
        if (Rank <= 0) throw new ArgumentException($"Invalid LoRA config: r must be positive, got {Rank}.", "r");
        if (Alpha <= 0) throw new ArgumentException($"Invalid LoRA config: lora_alpha must be positive, got {Alpha}.", "lora_alpha");
        if (Dropout is < 0 or >= 1) throw new ArgumentException($"Invalid LoRA config: lora_dropout must be in [0, 1), got {Dropout}.", "lora_dropout");
        if (TargetModules.Count == 0) throw new ArgumentException("Invalid LoRA config: target_modules is empty.", "target_modules");
        return this;
    }

    /// <summary>PEFT's adapter_config.json for this adapter.</summary>
    public string ToPeftJson(string? baseModel) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["peft_type"] = "LORA", ["task_type"] = "CAUSAL_LM", ["r"] = Rank, ["lora_alpha"] = Alpha, ["lora_dropout"] = Dropout,
        ["target_modules"] = TargetModules, ["bias"] = "none", ["fan_in_fan_out"] = false, ["inference_mode"] = true,
        ["base_model_name_or_path"] = baseModel, ["use_rslora"] = false, ["use_dora"] = false,
    }, new JsonSerializerOptions { WriteIndented = true });

    public static LoraConfig FromPeftJson(string json) =>
        (JsonSerializer.Deserialize<LoraConfig>(json) ?? throw new FormatException("adapter_config.json is empty.")).Validate();
}
