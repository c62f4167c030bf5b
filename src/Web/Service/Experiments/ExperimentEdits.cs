using Forgetless.Data;
using Forgetless.Web.Service.Audit;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Service.Experiments;

/// <summary>Edits an experiment's tags and notes, and audits each change ("tagged", "edited") with its new value.</summary>
public sealed class ExperimentEdits(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit)
{
    /// <summary>Field problems (empty when applied, or when the experiment does not exist: callers check that first).</summary>
    public async Task<IReadOnlyDictionary<string, string[]>> ApplyAsync(int experimentId, ExperimentEdit edit, string actor, CancellationToken cancellationToken = default)
    {
        var problems = new Dictionary<string, string[]>();
        if (edit.Tags is not null && ExperimentLimits.TextProblem(edit.Tags, ExperimentLimits.MaxTagsLength, allowLineBreaks: false) is { } tags) problems["tags"] = [$"Tags {tags}"];
        if (edit.Notes is not null && ExperimentLimits.TextProblem(edit.Notes, ExperimentLimits.MaxNotesLength, allowLineBreaks: true) is { } notes) problems["notes"] = [$"Notes {notes}"];
        if (problems.Count > 0) return problems;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var experiment = await db.Experiments.SingleOrDefaultAsync(e => e.Id == experimentId, cancellationToken);
        if (experiment is null) return problems;
        var tagsChanged = edit.Tags is not null && edit.Tags != experiment.Tags;
        var notesChanged = edit.Notes is not null && edit.Notes != experiment.Notes;
        if (tagsChanged) experiment.Tags = edit.Tags!;
        if (notesChanged) experiment.Notes = edit.Notes!;
        await db.SaveChangesAsync(cancellationToken);
        if (tagsChanged) await audit.RecordAsync(actor, "tagged", "experiment", experimentId, experimentId, experiment.Tags, cancellationToken);
        if (notesChanged) await audit.RecordAsync(actor, "edited", "experiment", experimentId, experimentId, "notes", cancellationToken);
        return problems;
    }
}
