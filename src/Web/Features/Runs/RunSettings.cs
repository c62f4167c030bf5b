using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Forgetless.Data.Entities;
using Forgetless.Web.Components.Shared.Charting;
using Forgetless.Web.Service.Experiments;

namespace Forgetless.Web.Features.Runs;

/// <summary>
/// A run's stored plan (its spec JSON) in words: datasets and model by name with links, the role, schedule and reference
/// as words, hyperparameters with readable labels. Settings this page does not know yet still show, labelled from their names.
/// </summary>
public static partial class RunSettings
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["steps"] = "Steps", ["learningRate"] = "Learning rate", ["warmupSteps"] = "Warm-up steps", ["beta"] = "DPO β",
        ["k"] = "MAXRIGHT k (re-evaluation interval)", ["sftBatchSize"] = "SFT batch size", ["dpoBatchSize"] = "DPO batch size",
        ["evalInterval"] = "Evaluation every (steps)", ["evalExamples"] = "Held-out examples per evaluation",
        ["maxLength"] = "Max length (tokens)", ["template"] = "Prompt template", ["seed"] = "Seed",
    };

    /// <param name="specJson">The run's stored plan.</param>
    /// <param name="datasetNames">Dataset names by id (a missing one was deleted).</param>
    /// <param name="modelName">The library model's name, or null when it is not in the library any more.</param>
    public static IReadOnlyList<RunSetting> From(string specJson, IReadOnlyDictionary<int, string> datasetNames, string? modelName)
    {
        using var spec = JsonDocument.Parse(specJson);
        var settings = new List<RunSetting>();
        foreach (var property in spec.RootElement.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "role":
                    settings.Add(new("Role", RoleInWords(value)));
                    break;
                case "schedule":
                    settings.Add(new("Schedule", SchedulePalette.DisplayName(value.GetString() ?? "")));
                    break;
                case "lambda":
                    if (value.ValueKind == JsonValueKind.Number) settings.Add(new("λ", value.GetDouble().ToString("0.###", CultureInfo.InvariantCulture)));
                    break;
                case "sftDatasetId":
                    settings.Add(Dataset("SFT data", value.GetInt32(), datasetNames));
                    break;
                case "preferenceDatasetId":
                    settings.Add(Dataset("Preference data", value.GetInt32(), datasetNames));
                    break;
                case "model":
                    settings.Add(new("Model", modelName ?? value.GetString() ?? "", "/models"));
                    break;
                case "referenceChoice":
                    settings.Add(new("DPO reference", ReferenceInWords(value.GetString())));
                    break;
                default:
                    Flatten(value, property.Name == "hyperparameters" ? "" : property.Name, settings);
                    break;
            }
        }

        return settings;
    }

    public static string RoleInWords(JsonElement role) => (role.ValueKind == JsonValueKind.Number
            ? (RunRole)role.GetInt32()
            : Enum.TryParse<RunRole>(role.GetString(), ignoreCase: true, out var parsed) ? parsed : (RunRole)(-1)) switch
    {
        RunRole.Schedule => "comparison run",
        RunRole.SftOptimum => "SFT optimum (SFT only; gives f*_SFT)",
        RunRole.DpoOptimum => "DPO optimum (DPO only; gives f*_DPO)",
        RunRole.PrefSftReference => "pref-SFT reference (SFT on the chosen responses)",
        _ => role.ToString(),
    };

    public static string ReferenceInWords(string? choice) => choice switch
    {
        ReferenceChoices.SftOptimum => "the SFT optimum's final model",
        ReferenceChoices.PrefSft => "the pref-SFT run's final model",
        ReferenceChoices.Initial => "the starting model θ₀",
        _ => choice ?? "",
    };

    private static RunSetting Dataset(string label, int id, IReadOnlyDictionary<int, string> names) =>
        names.TryGetValue(id, out var name) ? new(label, name, "/datasets") : new(label, $"dataset {id} (deleted)");

    private static void Flatten(JsonElement value, string path, List<RunSetting> into)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var child in value.EnumerateObject())
                {
                    Flatten(child.Value, path.Length == 0 ? child.Name : $"{path}.{child.Name}", into);
                }

                break;
            case JsonValueKind.Null:
                break;
            case JsonValueKind.Array:
                into.Add(new(Label(path), string.Join(", ", value.EnumerateArray().Select(e => e.ToString()))));
                break;
            default:
                into.Add(new(Label(path), value.ToString()));
                break;
        }
    }

    // "lora.targetModules" → "Lora target modules" where no better label is known.
    private static string Label(string path)
    {
        if (Labels.TryGetValue(path, out var known)) return known;
        var words = WordStart().Replace(path.Replace('.', ' '), " $1").ToLowerInvariant().Trim();
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex WordStart();
}
