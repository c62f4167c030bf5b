using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Forgetless.Training.Datasets.Reading;

namespace Forgetless.Training.Datasets;

/// <summary>
/// Reads a dataset file incrementally: enumerate <see cref="ReadRows"/> (or <see cref="ReadRowsAsync"/>) once,
/// then read <see cref="Report"/>. Memory stays bounded by the row size limit, whatever the file's size.
/// JSON Lines and a top-level JSON array are both accepted (decided by the first non-blank byte).
/// Without <see cref="ParseOptions.SkipInvalidRows"/>, rows stop coming at the first bad row (the rest is still
/// checked, so the report lists every error); a caller that stored earlier rows must drop them when
/// <see cref="ParseReport.IsAccepted"/> is false. An unknown format, a file of the wrong
/// <see cref="ParseOptions.ExpectedKind"/> or a broken JSON array stops reading and always rejects the file.
/// </summary>
public sealed class DatasetReader(Stream stream, ParseOptions? options = null)
{
    private readonly ParseOptions _options = Checked(options ?? ParseOptions.Default);
    private readonly RowInterpreter _interpreter = new(options ?? ParseOptions.Default);
    private ParseReport? _report;
    private bool _started;

    /// <summary>The detected format, known once the first object row has been read.</summary>
    public DatasetFormat? Format => _interpreter.Format;

    public ParseReport Report => _report ?? throw new InvalidOperationException("Read the rows to the end before asking for the report.");

    public IEnumerable<DatasetRow> ReadRows()
    {
        Start();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var window = new ByteWindow(stream, hash);
        var rows = new RowSource(window, _options.MaxRowBytes);
        while (true)
        {
            var unit = rows.Next();
            if (unit.Kind == RowUnitKind.NeedMore)
            {
                window.Fill();
                continue;
            }
            if (Handle(unit, hash) is { } row)
            {
                yield return row;
            }
            if (_report is not null)
            {
                yield break;
            }
        }
    }

    public async IAsyncEnumerable<DatasetRow> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Start();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var window = new ByteWindow(stream, hash);
        var rows = new RowSource(window, _options.MaxRowBytes);
        while (true)
        {
            var unit = rows.Next();
            if (unit.Kind == RowUnitKind.NeedMore)
            {
                await window.FillAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (Handle(unit, hash) is { } row)
            {
                yield return row;
            }
            if (_report is not null)
            {
                yield break;
            }
        }
    }

    private DatasetRow? Handle(RowUnit unit, IncrementalHash hash)
    {
        if (unit.Kind == RowUnitKind.End)
        {
            _report = _interpreter.Finish(readToEnd: true, Convert.ToHexStringLower(hash.GetHashAndReset()));
            return null;
        }
        var row = _interpreter.Accept(unit);
        if (_interpreter.Stopped)
        {
            _report = _interpreter.Finish(readToEnd: false, sha256: null);
        }
        return row;
    }

    private static ParseOptions Checked(ParseOptions options) =>
        options.MaxRowBytes > 0 && options.MaxErrors >= 0
            ? options
            : throw new ArgumentOutOfRangeException(nameof(options), "MaxRowBytes must be positive and MaxErrors not negative.");

    private void Start()
    {
        if (_started)
        {
            throw new InvalidOperationException("A DatasetReader reads its stream once.");
        }
        _started = true;
    }
}
