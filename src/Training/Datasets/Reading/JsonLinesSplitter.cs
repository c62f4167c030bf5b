namespace Forgetless.Training.Datasets.Reading;

/// <summary>Splits JSON Lines on '\n' (a trailing '\r' is dropped). Lines over the limit are skipped unbuffered.</summary>
internal sealed class JsonLinesSplitter(int maxRowBytes) : IRowSplitter
{
    private int _line;
    private int _searchedBytes;
    private bool _skipping;

    public RowUnit Next(ByteWindow window)
    {
        var span = window.Span;
        var newline = span[_searchedBytes..].IndexOf((byte)'\n');
        if (newline >= 0)
        {
            return TakeLine(window, _searchedBytes + newline, consumed: _searchedBytes + newline + 1);
        }
        if (window.EndOfStream)
        {
            return span.Length == 0 && !_skipping ? RowUnit.End : TakeLine(window, span.Length, span.Length);
        }
        if (_skipping || span.Length > maxRowBytes)
        {
            _skipping = true;
            window.DropAll();
            _searchedBytes = 0;
        }
        else
        {
            _searchedBytes = span.Length;
        }
        return RowUnit.NeedMore;
    }

    private RowUnit TakeLine(ByteWindow window, int length, int consumed)
    {
        _line++;
        _searchedBytes = 0;
        if (length > 0 && window.Span[length - 1] == (byte)'\r')
        {
            length--;
        }
        var bytes = window.Memory(length);
        window.Advance(consumed);
        if (_skipping || length > maxRowBytes)
        {
            _skipping = false;
            return new RowUnit(RowUnitKind.TooLong, _line);
        }
        return new RowUnit(RowUnitKind.Row, _line, bytes);
    }
}
