using Forgetless.Data;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Service.Models;

/// <summary>The name a person gave a model, wherever an experiment or run names it by its engine path ("models/4c4eb142…").</summary>
public static class ModelNames
{
    /// <summary>The library model's name (by id when the experiment recorded one, else by engine path), or the engine path when it is gone.</summary>
    public static async Task<string> DisplayAsync(AppDbContext db, string engineModel, int? modelId, CancellationToken cancellationToken = default)
    {
        var byId = modelId is { } id ? await db.Models.AsNoTracking().Where(m => m.Id == id).Select(m => m.Name).FirstOrDefaultAsync(cancellationToken) : null;
        return byId
            ?? await db.Models.AsNoTracking().Where(m => m.StoredFolder == engineModel || (m.StoredFolder == null && m.Name == engineModel))
                .Select(m => m.Name).FirstOrDefaultAsync(cancellationToken)
            ?? engineModel;
    }

    /// <summary>Every library model's name by id and by engine path, for lists that name many experiments' models.</summary>
    public static async Task<Func<string, int?, string>> CatalogAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        var models = await db.Models.AsNoTracking().Select(m => new { m.Id, m.Name, m.StoredFolder }).ToListAsync(cancellationToken);
        var byId = models.ToDictionary(m => m.Id, m => m.Name);
        var byPath = models.GroupBy(m => m.StoredFolder ?? m.Name).ToDictionary(g => g.Key, g => g.First().Name);
        return (engineModel, modelId) => modelId is { } id && byId.TryGetValue(id, out var named) ? named
            : byPath.TryGetValue(engineModel, out var byFolder) ? byFolder : engineModel;
    }
}
