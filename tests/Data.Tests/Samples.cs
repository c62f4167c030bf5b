using Forgetless.Data.Entities;

namespace Forgetless.Data.Tests;

/// <summary>Small valid entities for the tests.</summary>
public static class Samples
{
    public static Dataset Dataset(string hash = "ab12") => new()
    {
        Name = "alpaca-200",
        Kind = DatasetKind.Sft,
        Format = "alpaca",
        RowCount = 200,
        TotalTokens = 12_345,
        MeanTokens = 61.7,
        MaxTokens = 410,
        ContentHash = hash,
        SizeBytes = 98_000,
        StoredPath = $"files/{hash}.jsonl",
        UploadedBy = "ada",
        UploadedAt = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc),
    };

    public static Experiment Experiment() => new()
    {
        Name = "paper comparison",
        Model = "demo-tiny",
        ReferenceChoice = "initial",
        SpecJson = "{\"steps\":100}",
        CreatedBy = "ada",
        CreatedAt = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        Tags = "paper,demo",
    };

    public static Run Run(RunStatus status = RunStatus.Queued) => new()
    {
        Schedule = "alright",
        Lambda = 0.5,
        K = 1,
        Seed = 7,
        TotalSteps = 100,
        SpecJson = "{\"lambda\":0.5}",
        Status = status,
        CreatedAt = new DateTime(2025, 1, 2, 3, 4, 6, DateTimeKind.Utc),
        LaunchedBy = "ada",
    };
}
