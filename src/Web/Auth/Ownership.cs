using System.Security.Claims;
using Forgetless.Data;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Auth;

/// <summary>Looks up who owns a dataset, model, experiment or run, and whether a user may act on it.</summary>
public sealed class Ownership(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<string?> OwnerAsync(OwnedKind kind, int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return kind switch
        {
            OwnedKind.Dataset => await db.Datasets.Where(d => d.Id == id).Select(d => d.UploadedBy).SingleOrDefaultAsync(cancellationToken),
            OwnedKind.Model => await db.Models.Where(m => m.Id == id).Select(m => m.UploadedBy).SingleOrDefaultAsync(cancellationToken),
            OwnedKind.Experiment => await db.Experiments.Where(e => e.Id == id).Select(e => e.CreatedBy).SingleOrDefaultAsync(cancellationToken),
            _ => await db.Runs.Where(r => r.Id == id).Select(r => r.LaunchedBy).SingleOrDefaultAsync(cancellationToken),
        };
    }

    public async Task<int?> ExperimentOfRunAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.Where(r => r.Id == runId).Select(r => (int?)r.ExperimentId).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<AccessOutcome> CheckAsync(ClaimsPrincipal user, OwnedKind kind, int id, CancellationToken cancellationToken = default)
    {
        if (!Access.CanWrite(user)) return AccessOutcome.Forbidden; // viewers are refused before anything is looked up
        var owner = await OwnerAsync(kind, id, cancellationToken);
        if (owner is null) return AccessOutcome.NotFound;
        return Access.CanActOn(user, owner) ? AccessOutcome.Allowed : AccessOutcome.Forbidden;
    }
}
