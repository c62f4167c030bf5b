using Forgetless.Data;
using Forgetless.Training.Model;
using Microsoft.EntityFrameworkCore;
using Entities = Forgetless.Data.Entities;

namespace Forgetless.Web.Service.Models;

/// <summary>Which library model an experiment request names: by id, or by what the engine loads (a preset name or a stored folder).</summary>
public static class ModelChoice
{
    /// <summary>The model's row and engine name, or null with the problem to report on the request's "model" field.</summary>
    public static async Task<(Entities.Model? Model, string? EngineModel, string? Problem)> ResolveAsync(
        AppDbContext db, int? modelId, string model, CancellationToken cancellationToken)
    {
        if (modelId is { } id)
        {
            var byId = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
            return byId is null ? (null, null, $"No model has id {id}.") : (byId, ModelSummary.EngineModelOf(byId), null);
        }

        var row = await db.Models.AsNoTracking().FirstOrDefaultAsync(
            m => (m.Kind == Entities.ModelKind.Preset && m.Name == model) || (m.StoredFolder != null && m.StoredFolder == model), cancellationToken);
        if (row is not null) return (row, ModelSummary.EngineModelOf(row), null);
        // A store whose presets were not added yet (start-up not run) still knows the engine's presets.
        return LlamaPresets.Names.Contains(model)
            ? (null, model, null)
            : (null, null, $"Unknown model '{model}': pick a preset ({string.Join(", ", LlamaPresets.Names)}) or an imported model's id.");
    }
}
