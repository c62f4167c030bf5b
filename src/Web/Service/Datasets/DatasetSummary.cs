using Forgetless.Data.Entities;

namespace Forgetless.Web.Service.Datasets;

/// <summary>A stored dataset as lists and the API show it. Token counts use GPT-2 BPE on plain-template text.</summary>
public sealed record DatasetSummary(
    int Id,
    string Name,
    DatasetKind Kind,
    string Format,
    int RowCount,
    long TotalTokens,
    double MeanTokens,
    int MaxTokens,
    long SizeBytes,
    string ContentHash,
    string UploadedBy,
    DateTime UploadedAt)
{
    public static DatasetSummary From(Dataset d) => new(
        d.Id, d.Name, d.Kind, d.Format, d.RowCount, d.TotalTokens, d.MeanTokens, d.MaxTokens, d.SizeBytes, d.ContentHash, d.UploadedBy, d.UploadedAt);
}
