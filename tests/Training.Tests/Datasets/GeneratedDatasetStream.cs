using System.Text;

namespace Forgetless.Training.Tests.Datasets;

/// <summary>
/// A read-only stream that produces a large dataset on the fly (nothing stored): <paramref name="rows"/> copies of
/// a few rows, as JSON Lines or as one JSON array. Reads come in odd sizes so rows straddle buffer boundaries.
/// </summary>
internal sealed class GeneratedDatasetStream(string[] rowTemplates, long rows, bool asArray) : Stream
{
    private readonly byte[][] _rows = rowTemplates
        .Select(row => Encoding.UTF8.GetBytes(asArray ? row : row + "\n"))
        .ToArray();

    private long _rowIndex = -1; // -1: the array's '[' still to come
    private byte[] _current = [];
    private int _offset;

    public long BytesProduced { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesProduced; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var written = 0;
        count = Math.Min(count, 40_000 + (int)(BytesProduced % 997));
        while (written < count && NextChunkAvailable())
        {
            var take = Math.Min(count - written, _current.Length - _offset);
            Buffer.BlockCopy(_current, _offset, buffer, offset + written, take);
            _offset += take;
            written += take;
        }
        BytesProduced += written;
        return written;
    }

    private bool NextChunkAvailable()
    {
        if (_offset < _current.Length)
        {
            return true;
        }
        _offset = 0;
        _rowIndex++;
        if (_rowIndex == 0)
        {
            _current = asArray ? "["u8.ToArray() : [];
            return NextChunkAvailable();
        }
        if (_rowIndex <= rows)
        {
            var row = _rows[(_rowIndex - 1) % _rows.Length];
            _current = asArray && _rowIndex > 1 ? [(byte)',', .. row] : row;
            return true;
        }
        _current = asArray && _rowIndex == rows + 1 ? "]\n"u8.ToArray() : [];
        return _current.Length > 0;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
