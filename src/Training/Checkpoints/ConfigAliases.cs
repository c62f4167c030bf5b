using System.Text.Json.Nodes;

namespace Forgetless.Training.Checkpoints;

/// <summary>
/// Newer transformers write some config fields under other names (rope_parameters.rope_theta, GPT-NeoX's
/// partial_rotary_factor); this maps them to the names the config records read, and refuses rope variants.
/// </summary>
internal static class ConfigAliases
{
    public static string Normalize(string json, string source)
    {
        var node = JsonNode.Parse(json) ?? throw new InvalidDataException($"{source}: empty config.");
        if (node["rope_parameters"] is JsonObject rope)
        {
            if ((string?)rope["rope_type"] is { } type && type != "default")
                throw new NotSupportedException($"{source}: rope_parameters.rope_type '{type}' is not supported.");
            if (rope["rope_theta"] is { } theta) { node["rope_theta"] ??= theta.DeepClone(); node["rotary_emb_base"] ??= theta.DeepClone(); }
            if (rope["partial_rotary_factor"] is { } factor) node["rotary_pct"] ??= factor.DeepClone();
        }
        if (node["partial_rotary_factor"] is { } partial) node["rotary_pct"] ??= partial.DeepClone();
        if ((string?)node["model_type"] == "gpt_neox" && node["rope_theta"] is { } neoxTheta) node["rotary_emb_base"] ??= neoxTheta.DeepClone();
        return node.ToJsonString();
    }
}
