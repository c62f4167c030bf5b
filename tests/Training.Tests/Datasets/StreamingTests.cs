using Forgetless.Training.Datasets;

namespace Forgetless.Training.Tests.Datasets;

/// <summary>Large inputs are read row by row: live managed memory stays far below the input size.</summary>
[Collection(nameof(StreamingTests))]
public class StreamingTests
{
    private const long LiveMemoryLimit = 24L << 20;

    private static readonly string[] PreferenceRows =
    [
        """{"prompt": "\n\nHuman: How do I boil an egg?\n\nAssistant:", "chosen": " Put it in boiling water for about nine minutes, then cool it in cold water.", "rejected": " Eggs are for breakfast."}""",
        """{"prompt": "\n\nHuman: Café or tea? ☕\n\nAssistant:", "chosen": " Either is fine; tea has less caffeine.", "rejected": " Whatever."}""",
    ];

    private static readonly string[] AlpacaRows =
    [
        """{"instruction": "Summarise the text.", "input": "The quick brown fox jumps over the lazy dog, twice.", "output": "A fox jumps over a dog two times."}""",
        """{"instruction": "Name three primary colours.", "input": "", "output": "Red, yellow and blue."}""",
    ];

    [Fact]
    public void A_64_MB_jsonl_stream_parses_row_by_row_in_bounded_memory()
    {
        var stream = new GeneratedDatasetStream(PreferenceRows, rows: 420_000, asArray: false);

        var (count, peakGrowth, report) = CountRows(new DatasetReader(stream));

        Assert.True(stream.BytesProduced > 64L << 20, $"only {stream.BytesProduced} bytes generated");
        Assert.Equal(420_000, count);
        Assert.True(report.IsAccepted, report.ToString());
        Assert.True(peakGrowth < LiveMemoryLimit, $"live managed memory grew by {peakGrowth >> 20} MB while reading {stream.BytesProduced >> 20} MB");
    }

    [Fact]
    public void A_large_json_array_streams_element_by_element_in_bounded_memory()
    {
        var stream = new GeneratedDatasetStream(AlpacaRows, rows: 300_000, asArray: true);

        var (count, peakGrowth, report) = CountRows(new DatasetReader(stream));

        Assert.True(stream.BytesProduced > 32L << 20, $"only {stream.BytesProduced} bytes generated");
        Assert.Equal(300_000, count);
        Assert.Equal(DatasetFormat.Alpaca, report.Format);
        Assert.True(peakGrowth < LiveMemoryLimit, $"live managed memory grew by {peakGrowth >> 20} MB while reading {stream.BytesProduced >> 20} MB");
    }

    [Fact]
    public async Task The_async_reader_gives_the_same_rows_and_hash_as_the_sync_one()
    {
        var syncReader = new DatasetReader(new GeneratedDatasetStream(AlpacaRows, rows: 5_000, asArray: true));
        var syncRows = syncReader.ReadRows().ToList();
        var asyncReader = new DatasetReader(new GeneratedDatasetStream(AlpacaRows, rows: 5_000, asArray: true));
        var asyncRows = new List<DatasetRow>();

        await foreach (var row in asyncReader.ReadRowsAsync())
        {
            asyncRows.Add(row);
        }

        Assert.Equal(5_000, asyncRows.Count);
        Assert.Equal(syncRows, asyncRows);
        Assert.Equal(syncReader.Report.ContentSha256, asyncReader.Report.ContentSha256);
    }

    private static (int Count, long PeakGrowth, ParseReport Report) CountRows(DatasetReader reader)
    {
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = 0L;
        var count = 0;
        foreach (var row in reader.ReadRows())
        {
            if (++count % 50_000 == 0)
            {
                // a full collection measures what is still reachable, i.e. what the reader holds on to
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }
        return (count, peak, reader.Report);
    }
}

/// <summary>GC.GetTotalMemory counts the whole process: another test allocating at the same time would count as the reader's, so these run alone.</summary>
[CollectionDefinition(nameof(StreamingTests), DisableParallelization = true)]
public sealed class StreamingTestsRunAlone;
