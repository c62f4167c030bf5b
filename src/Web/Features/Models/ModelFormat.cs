using System.Globalization;
using Forgetless.Web.Service.Models;

namespace Forgetless.Web.Features.Models;

/// <summary>How models read in lists and pickers.</summary>
public static class ModelFormat
{
    /// <summary>260,032 → "260K", 16,913,280 → "16.9M", 1,100,048,384 → "1.1B".</summary>
    public static string Parameters(long count) => count switch
    {
        >= 1_000_000_000 => (count / 1e9).ToString("0.#", CultureInfo.InvariantCulture) + "B",
        >= 1_000_000 => (count / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 1_000 => (count / 1e3).ToString("0", CultureInfo.InvariantCulture) + "K",
        _ => count.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A preset's count leaves out its vocabulary, which is built from the experiment's data.</summary>
    public static string ParametersLabel(ModelSummary model) =>
        model.BuiltIn ? $"{Parameters(model.ParameterCount)} parameters + vocabulary" : $"{Parameters(model.ParameterCount)} parameters";

    public static string KindLabel(ModelSummary model) => model.Kind switch
    {
        Data.Entities.ModelKind.Preset => "Built in",
        Data.Entities.ModelKind.HuggingFace => "Hugging Face",
        _ => "llama2.c import",
    };

    /// <summary>The picker's short line: "stories260K · 260K params", "Demo (tiny) · 91K params + vocab".</summary>
    public static string PickerLabel(ModelSummary model) =>
        $"{(model.BuiltIn && model.Name == "tiny" ? "Demo (tiny)" : model.Name)} · {Parameters(model.ParameterCount)} params{(model.BuiltIn ? " + vocab" : "")}";
}
