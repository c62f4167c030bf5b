using System.Security.Cryptography;
using Forgetless.Data;
using Forgetless.Training.Datasets;
using Forgetless.Web.Service.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Entities = Forgetless.Data.Entities;

namespace Forgetless.Web.Service.Datasets;

/// <summary>
/// Stored datasets: upload (streamed to scratch, validated by the engine's parser, then kept as
/// files/&lt;sha256&gt;.jsonl), list, preview, delete. A rejected upload changes nothing: the scratch file is
/// removed and no row is written. A different file under a taken name is stored as "name (2)" (see <see cref="DatasetNames"/>).
/// Used by the REST API and directly by the Blazor pages.
/// </summary>
public sealed class DatasetLibrary(IDbContextFactory<AppDbContext> dbFactory, DataDirectory dataDirectory, IOptions<ForgetlessOptions> options)
{
    // Choosing a free name and inserting it is one step for this process (the column has no unique index).
    private readonly SemaphoreSlim naming = new(1, 1);

    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    public async Task<DatasetUploadResult> UploadAsync(Stream content, string name, string uploadedBy, CancellationToken cancellationToken = default)
    {
        var scratch = Path.Combine(dataDirectory.UploadsFolder, Guid.NewGuid().ToString("n") + ".part");
        try
        {
            var (hash, size) = await CopyWithLimitAsync(content, scratch, cancellationToken);
            if (hash is null) return DatasetUploadResult.TooLarge(MaxUploadBytes);
            if (await FindByHashAsync(hash, cancellationToken) is { } existing) return DatasetUploadResult.Duplicate(existing);

            var inspection = await DatasetInspection.ReadAsync(scratch, cancellationToken);
            if (!inspection.Report.IsAccepted) return DatasetUploadResult.Rejected(Describe(inspection.Report), inspection.Report.Errors);
            return await StoreAsync(scratch, hash, size, name, uploadedBy, inspection, cancellationToken);
        }
        finally
        {
            File.Delete(scratch);
        }
    }

    public async Task<IReadOnlyList<DatasetSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Datasets.AsNoTracking().OrderByDescending(d => d.Id).ToListAsync(cancellationToken);
        return rows.ConvertAll(DatasetSummary.From);
    }

    public async Task<DatasetSummary?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return row is null ? null : DatasetSummary.From(row);
    }

    /// <summary>
    /// Normalised rows <paramref name="offset"/> .. offset + count - 1 (0-based), prompts rendered with <paramref name="template"/>
    /// (training's default unless given), or null when the dataset does not exist.
    /// </summary>
    public async Task<IReadOnlyList<PreviewRow>?> PreviewAsync(int id, int offset, int count, string? template = null, CancellationToken cancellationToken = default)
    {
        template ??= new Experiments.Hyperparameters().Template;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var dataset = await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (dataset is null) return null;
        await using var stream = File.OpenRead(dataDirectory.Resolve(dataset.StoredPath));
        var rows = new List<PreviewRow>();
        await foreach (var row in new DatasetReader(stream).ReadRowsAsync(cancellationToken).Skip(Math.Max(0, offset)).Take(Math.Clamp(count, 0, 500)))
        {
            rows.Add(TokenCounter.Preview(row, template));
        }

        return rows;
    }

    /// <summary>The full path of a dataset's stored file (for the trainer).</summary>
    public string PathOf(Entities.Dataset dataset) => dataDirectory.Resolve(dataset.StoredPath);

    /// <summary>Deletes a dataset and its file; false when an experiment still uses it (or it does not exist).</summary>
    public async Task<DatasetDeleteOutcome> DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var dataset = await db.Datasets.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (dataset is null) return DatasetDeleteOutcome.NotFound;
        if (await db.Experiments.AnyAsync(e => e.SftDatasetId == id || e.PreferenceDatasetId == id, cancellationToken)) return DatasetDeleteOutcome.InUse;
        db.Datasets.Remove(dataset);
        await db.SaveChangesAsync(cancellationToken);
        File.Delete(dataDirectory.Resolve(dataset.StoredPath));
        return DatasetDeleteOutcome.Deleted;
    }

    private async Task<DatasetUploadResult> StoreAsync(
        string scratch, string hash, long size, string name, string uploadedBy, DatasetInspection inspection, CancellationToken cancellationToken)
    {
        var relative = $"files/{hash}.jsonl";
        var target = dataDirectory.Resolve(relative);
        File.Move(scratch, target, overwrite: true); // same hash, same bytes: an orphan left by a crash is simply replaced
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await naming.WaitAsync(CancellationToken.None);
        try
        {
            var entity = inspection.ToEntity(await DatasetNames.UniqueAsync(db, DatasetNames.Requested(name), CancellationToken.None), hash, size, relative, uploadedBy);
            db.Datasets.Add(entity);
            await db.SaveChangesAsync(CancellationToken.None);
            return DatasetUploadResult.Stored(DatasetSummary.From(entity));
        }
        catch (DbUpdateException)
        {
            // A simultaneous upload of the same bytes won: the file is theirs too. Anything else: leave no file behind.
            if (await FindByHashAsync(hash, CancellationToken.None) is { } raced) return DatasetUploadResult.Duplicate(raced);
            File.Delete(target);
            throw;
        }
        finally
        {
            naming.Release();
        }
    }

    private async Task<DatasetSummary?> FindByHashAsync(string hash, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.ContentHash == hash, cancellationToken);
        return row is null ? null : DatasetSummary.From(row);
    }

    // Returns a null hash when the content is over the limit (reading stops there).
    private async Task<(string? Hash, long Size)> CopyWithLimitAsync(Stream content, string path, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 16];
        long size = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            size += read;
            if (size > MaxUploadBytes) return (null, size);
            sha.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return (Convert.ToHexStringLower(sha.GetHashAndReset()), size);
    }

    private static string Describe(ParseReport report) => report.FirstError is { } first
        ? $"The dataset was rejected: {first}" + (report.ErrorCount > 1 ? $" (and {report.ErrorCount - 1} more)" : "")
        : "The dataset was rejected.";
}
