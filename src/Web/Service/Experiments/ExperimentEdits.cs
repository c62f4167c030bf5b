using Forgetless.Data;
using Forgetless.Web.Service.Audit;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Web.Service.Experiments;

/// <summary>Edits an experiment's name, tags and notes after launch, and audits each change ("renamed", "tagged", "edited") with its new value.</summary>
public sealed class ExperimentEdits(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit)
{
    /// <summary>Field problems (empty when applied, or when the experiment does not exist: callers check that first).</summary>
    public async Task<IReadOnlyDictionary<string, string[]>> ApplyAsync(int experimentId, ExperimentEdit edit, string actor, CancellationToken cancellationToken = default)
    {
        var problems = new Dictionary<string, string[]>();
        var name = edit.Name?.Trim();
        if (name is not null && name.Length == 0) problems["name"] = ["A name is required."];
        else if (name is not null && ExperimentLimits.TextProblem(name, ExperimentLimits.MaxNameLength, allowLineBreaks: false) is { } nameProblem) problems["name"] = [$"The name {nameProblem}"];
        if (edit.Tags is not null && ExperimentLimits.TextProblem(edit.Tags, ExperimentLimits.MaxTagsLength, allowLineBreaks: false) is { } tags) problems["tags"] = [$"Tags {tags}"];
        if (edit.Notes is not null && ExperimentLimits.TextProblem(edit.Notes, ExperimentLimits.MaxNotesLength, allowLineBreaks: true) is { } notes) problems["notes"] = [$"Notes {notes}"];
        if (problems.Count > 0) return problems;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var experiment = await db.Experiments.SingleOrDefaultAsync(e => e.Id == experimentId, cancellationToken);
        if (experiment is null) return problems;
        var nameChanged = name is not null && name != experiment.Name;
        var tagsChanged = edit.Tags is not null && edit.Tags != experiment.Tags;
        var notesChanged = edit.Notes is not null && edit.Notes != experiment.Notes;
        if (nameChanged) experiment.Name = name!;
        if (tagsChanged) experiment.Tags = edit.Tags!;
        if (notesChanged) experiment.Notes = edit.Notes!;
        await db.SaveChangesAsync(cancellationToken);
        if (nameChanged) await audit.RecordAsync(actor, "renamed", "experiment", experimentId, experimentId, experiment.Name, cancellationToken);
        if (tagsChanged) await audit.RecordAsync(actor, "tagged", "experiment", experimentId, experimentId, experiment.Tags, cancellationToken);
        if (notesChanged) await audit.RecordAsync(actor, "edited", "experiment", experimentId, experimentId, "notes", cancellationToken);
        return problems;
    }
}
