using Forgetless.Data;
using Forgetless.Training.Checkpoints;
using Forgetless.Web.Service.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Entities = Forgetless.Data.Entities;

namespace Forgetless.Web.Service.Models;

/// <summary>
/// The models experiments start from: the built-in presets, and imported Hugging Face folders kept as
/// models/&lt;sha256&gt;/ in the data directory. An import is validated by loading it with the engine before anything
/// is stored; a refused one leaves the database and the folders as they were. Used by the REST API and the pages.
/// </summary>
public sealed class ModelLibrary(IDbContextFactory<AppDbContext> dbFactory, DataDirectory dataDirectory, IOptions<ForgetlessOptions> options)
{
    public long MaxUploadBytes => options.Value.MaxModelUploadBytes;

    /// <summary>A scratch area for one upload's files; dispose it when the import is done.</summary>
    public ModelUpload NewUpload() => new(dataDirectory.UploadsFolder, MaxUploadBytes);

    /// <summary>Adds the presets a database lacks (at start-up).</summary>
    public async Task EnsurePresetsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var present = await db.Models.Where(m => m.Kind == Entities.ModelKind.Preset).Select(m => m.Name).ToListAsync(cancellationToken);
        db.Models.AddRange(PresetModels.All().Where(p => !present.Contains(p.Name)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Imports a llama2.c pair (<see cref="ModelUpload.ModelBin"/> + <see cref="ModelUpload.TokenizerBin"/>) into a Hugging Face folder.</summary>
    public Task<ModelImportResult> ImportLlama2cAsync(ModelUpload upload, string? name, string uploadedBy, CancellationToken cancellationToken = default)
    {
        if (!upload.Has(ModelUpload.ModelBin) || !upload.Has(ModelUpload.TokenizerBin))
            return Task.FromResult(ModelImportResult.Rejected("A llama2.c import needs two files: 'model' (the .bin weights) and 'tokenizer' (tokenizer.bin)."));
        var (model, tokenizer) = (upload.DisplayNameOf(ModelUpload.ModelBin), upload.DisplayNameOf(ModelUpload.TokenizerBin));
        return ImportAsync(upload, Entities.ModelKind.Llama2cImport, name ?? Path.GetFileNameWithoutExtension(model), uploadedBy, folder =>
        {
            try
            {
                Llama2cImport.Run(upload.PathOf(ModelUpload.ModelBin), upload.PathOf(ModelUpload.TokenizerBin), folder);
            }
            catch (Exception e) when (ModelInspection.IsBadModel(e))
            {
                var message = e.Message.Replace(upload.PathOf(ModelUpload.ModelBin), model, StringComparison.Ordinal)
                    .Replace(upload.PathOf(ModelUpload.TokenizerBin), tokenizer, StringComparison.Ordinal);
                throw new ModelRejectedException($"The llama2.c files could not be imported: {ModelInspection.Hide(message, upload.Folder, "upload")}");
            }

            return folder;
        }, cancellationToken);
    }

    /// <summary>Imports a zip (<see cref="ModelUpload.Zip"/>) of a Hugging Face folder: config.json at its top (or in its one top folder).</summary>
    public Task<ModelImportResult> ImportHuggingFaceZipAsync(ModelUpload upload, string? name, string uploadedBy, CancellationToken cancellationToken = default)
    {
        if (!upload.Has(ModelUpload.Zip)) return Task.FromResult(ModelImportResult.Rejected("Send the Hugging Face folder as one .zip file."));
        var zipName = upload.DisplayNameOf(ModelUpload.Zip);
        return ImportAsync(upload, Entities.ModelKind.HuggingFace, name ?? Path.GetFileNameWithoutExtension(zipName), uploadedBy, folder =>
        {
            SafeZipExtractor.Extract(upload.PathOf(ModelUpload.Zip), folder, MaxUploadBytes);
            return ModelFolders.RootOf(folder, zipName);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<ModelSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Models.AsNoTracking().OrderBy(m => m.Kind != Entities.ModelKind.Preset).ThenBy(m => m.Kind == Entities.ModelKind.Preset ? m.Id : -m.Id).ToListAsync(cancellationToken);
        return rows.ConvertAll(ModelSummary.From);
    }

    public async Task<ModelSummary?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        return row is null ? null : ModelSummary.From(row);
    }

    /// <summary>Deletes an imported model and its folder; refused for presets and while an experiment uses it.</summary>
    public async Task<ModelDeleteOutcome> DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await db.Models.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (model is null) return ModelDeleteOutcome.NotFound;
        if (model.Kind == Entities.ModelKind.Preset) return ModelDeleteOutcome.BuiltIn;
        if (await db.Experiments.AnyAsync(e => e.ModelId == id, cancellationToken)) return ModelDeleteOutcome.InUse;
        db.Models.Remove(model);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return ModelDeleteOutcome.InUse; // an experiment was created on it meanwhile (the foreign key refused)
        }

        var folder = dataDirectory.Resolve(model.StoredFolder!);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        return ModelDeleteOutcome.Deleted;
    }

    // prepare: fills a scratch folder and returns the Hugging Face folder to keep (throws ModelRejectedException).
    private async Task<ModelImportResult> ImportAsync(
        ModelUpload upload, Entities.ModelKind kind, string name, string uploadedBy, Func<string, string> prepare, CancellationToken cancellationToken)
    {
        var hash = upload.ContentHash();
        if (await FindByHashAsync(hash, cancellationToken) is { } existing) return ModelImportResult.Duplicate(existing);
        string folder;
        ModelInspection inspection;
        try
        {
            (folder, inspection) = await Task.Run(() =>
            {
                var prepared = prepare(Path.Combine(upload.Folder, "model"));
                return (prepared, ModelInspection.Of(prepared, name));
            }, cancellationToken);
        }
        catch (ModelRejectedException e)
        {
            return ModelImportResult.Rejected(e.Message);
        }

        var relative = $"models/{hash}";
        var entity = new Entities.Model
        {
            Name = ModelFolders.DisplayName(name), Kind = kind, Architecture = inspection.Architecture, ParameterCount = inspection.ParameterCount,
            VocabSize = inspection.VocabSize, StoredFolder = relative, ContentHash = hash, SizeBytes = upload.TotalBytes,
            UploadedBy = uploadedBy, UploadedAt = DateTime.UtcNow,
        };
        return await StoreAsync(folder, entity);
    }

    private async Task<ModelImportResult> StoreAsync(string folder, Entities.Model entity)
    {
        var target = dataDirectory.Resolve(entity.StoredFolder!);
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true); // an orphan left by a crash: same hash, same model
        Directory.Move(folder, target);
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        try
        {
            db.Models.Add(entity);
            await db.SaveChangesAsync(CancellationToken.None);
            return ModelImportResult.Stored(ModelSummary.From(entity));
        }
        catch (DbUpdateException)
        {
            // A simultaneous import of the same files won: the folder is theirs too. Anything else: leave no folder behind.
            if (await FindByHashAsync(entity.ContentHash!, CancellationToken.None) is { } raced) return ModelImportResult.Duplicate(raced);
            Directory.Delete(target, recursive: true);
            throw;
        }
    }

    private async Task<ModelSummary?> FindByHashAsync(string hash, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.ContentHash == hash, cancellationToken);
        return row is null ? null : ModelSummary.From(row);
    }
}
