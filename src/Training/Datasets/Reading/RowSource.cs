namespace Forgetless.Training.Datasets.Reading;

/// <summary>
/// Skips a UTF-8 byte order mark, then picks the splitter from the first non-blank byte: '[' starts a JSON
/// array, anything else is JSON Lines.
/// </summary>
internal sealed class RowSource(ByteWindow window, int maxRowBytes)
{
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];
    private IRowSplitter? _splitter;
    private bool _checkedByteOrderMark;

    public RowUnit Next()
    {
        if (_splitter is not null)
        {
            return _splitter.Next(window);
        }
        if (!_checkedByteOrderMark)
        {
            if (window.Available < ByteOrderMark.Length && !window.EndOfStream)
            {
                return RowUnit.NeedMore;
            }
            _checkedByteOrderMark = true;
            if (window.Span.StartsWith(ByteOrderMark))
            {
                window.Advance(ByteOrderMark.Length);
            }
        }
        var first = window.Span.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0 && !window.EndOfStream && window.Available <= maxRowBytes)
        {
            return RowUnit.NeedMore;
        }
        _splitter = first >= 0 && window.Span[first] == (byte)'['
            ? new JsonArraySplitter(maxRowBytes)
            : new JsonLinesSplitter(maxRowBytes);
        return _splitter.Next(window);
    }
}
