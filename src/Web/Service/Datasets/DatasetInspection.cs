using Forgetless.Training.Datasets;
using Entities = Forgetless.Data.Entities;

namespace Forgetless.Web.Service.Datasets;

/// <summary>One pass over a file with the engine's reader: its report plus token statistics of the good rows.</summary>
internal sealed record DatasetInspection(ParseReport Report, long TotalTokens, int MaxTokens)
{
    public static async Task<DatasetInspection> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var reader = new DatasetReader(stream);
        long total = 0;
        var max = 0;
        await foreach (var row in reader.ReadRowsAsync(cancellationToken))
        {
            var tokens = TokenCounter.RowTokens(TokenCounter.Preview(row));
            total += tokens;
            max = Math.Max(max, tokens);
        }

        return new(reader.Report, total, max);
    }

    public Entities.Dataset ToEntity(string name, string hash, long size, string storedPath, string uploadedBy) => new()
    {
        Name = name,
        Kind = Report.Kind == DatasetKind.Preference ? Entities.DatasetKind.Preference : Entities.DatasetKind.Sft,
        Format = Report.Format!.Name,
        RowCount = Report.GoodRowCount,
        TotalTokens = TotalTokens,
        MeanTokens = Report.GoodRowCount == 0 ? 0 : (double)TotalTokens / Report.GoodRowCount,
        MaxTokens = MaxTokens,
        ContentHash = hash,
        SizeBytes = size,
        StoredPath = storedPath,
        UploadedBy = uploadedBy,
        UploadedAt = DateTime.UtcNow,
    };
}
