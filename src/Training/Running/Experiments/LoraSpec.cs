using Forgetless.Training.Lora;

namespace Forgetless.Training.Running.Experiments;

/// <summary>
/// The optional <c>lora</c> object of an experiment config (snake_case: <c>rank</c>, <c>alpha</c>, <c>dropout</c>,
/// <c>target_modules</c>). When present, every run trains only LoRA adapters on the same θ₀.
/// </summary>
public sealed record LoraSpec
{
    /// <summary>The Linear layers of the experiment's Llama models, by their last path segment (PEFT's matching).</summary>
    public static readonly IReadOnlyList<string> LlamaLinearLayers = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];

    public int Rank { get; init; } = 8;

    public double Alpha { get; init; } = 16;

    public double Dropout { get; init; }

    public IReadOnlyList<string> TargetModules { get; init; } = ["q_proj", "v_proj"];

    public LoraConfig ToConfig() => new() { Rank = Rank, Alpha = Alpha, Dropout = Dropout, TargetModules = TargetModules };

    /// <summary>Every problem as (field, message), with fields named as in the config, e.g. <c>lora.target_modules[1]</c>.</summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (Rank <= 0) yield return ("lora.rank", "must be positive");
        if (Alpha <= 0) yield return ("lora.alpha", "must be positive");
        if (Dropout is < 0 or >= 1) yield return ("lora.dropout", "must be in [0, 1)");
        if (TargetModules is not { Count: > 0 })
        {
            yield return ("lora.target_modules", $"must name at least one of {string.Join(", ", LlamaLinearLayers)}");
            yield break;
        }

        for (var i = 0; i < TargetModules.Count; i++)
        {
            if (!LlamaLinearLayers.Contains(TargetModules[i]))
            {
                yield return ($"lora.target_modules[{i}]", $"'{TargetModules[i]}' is not one of {string.Join(", ", LlamaLinearLayers)}");
            }
        }
    }
}
