using System.Text.Json;

namespace Forgetless.Training.Datasets.Reading;

/// <summary>
/// Splits a top-level JSON array into its elements, one at a time, so a large array never sits in memory whole.
/// An element over the size limit is walked token by token (the reader's state carries across fills) and skipped.
/// Each element is reported at the line where it starts.
/// </summary>
internal sealed class JsonArraySplitter(int maxRowBytes) : IRowSplitter
{
    private enum Position { BeforeArray, BeforeFirstElement, BeforeElement, AfterElement, AfterArray, SkippingElement }

    private Position _position = Position.BeforeArray;
    private int _line = 1;
    private int _skippedElementLine;
    private ElementSkipper _skip = new();

    public RowUnit Next(ByteWindow window)
    {
        while (true)
        {
            if (_position == Position.SkippingElement)
            {
                return ContinueSkipping(window);
            }
            Consume(window, CountLeadingWhitespace(window.Span));
            if (window.Available == 0)
            {
                return !window.EndOfStream ? RowUnit.NeedMore
                    : _position == Position.AfterArray ? RowUnit.End
                    : Broken("the JSON array is not closed (missing ']')");
            }
            var next = window.Span[0];
            switch (_position)
            {
                case Position.BeforeArray when next == (byte)'[':
                    Consume(window, 1);
                    _position = Position.BeforeFirstElement;
                    break;
                case Position.BeforeFirstElement or Position.AfterElement when next == (byte)']':
                    Consume(window, 1);
                    _position = Position.AfterArray;
                    break;
                case Position.AfterElement when next == (byte)',':
                    Consume(window, 1);
                    _position = Position.BeforeElement;
                    break;
                case Position.BeforeFirstElement or Position.BeforeElement when next != (byte)']':
                    return ReadElement(window);
                case Position.BeforeElement:
                    return Broken("invalid JSON: a ',' before ']' (trailing comma)");
                case Position.AfterElement:
                    return Broken($"invalid JSON: expected ',' or ']' after an element, found '{(char)next}'");
                default:
                    return Broken("invalid JSON: unexpected content after the array");
            }
        }
    }

    private RowUnit ReadElement(ByteWindow window)
    {
        var reader = new Utf8JsonReader(window.Span, window.EndOfStream, default);
        bool complete;
        try
        {
            complete = reader.Read() && (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || reader.TrySkip());
        }
        catch (JsonException ex)
        {
            return Broken(JsonErrors.Describe(ex), _line + (int)(ex.LineNumber ?? 0));
        }
        if (complete)
        {
            var length = (int)reader.BytesConsumed;
            var line = _line;
            var bytes = window.Memory(length);
            Consume(window, length);
            _position = Position.AfterElement;
            return length > maxRowBytes ? new RowUnit(RowUnitKind.TooLong, line) : new RowUnit(RowUnitKind.Row, line, bytes);
        }
        if (window.EndOfStream)
        {
            return Broken("the JSON array is not closed (missing ']')");
        }
        if (window.Available <= maxRowBytes)
        {
            return RowUnit.NeedMore;
        }
        _skippedElementLine = _line;
        _skip = new ElementSkipper();
        _position = Position.SkippingElement;
        return ContinueSkipping(window);
    }

    /// <summary>Skips an oversized element by bracket and string scanning, so even one huge token is never buffered.</summary>
    private RowUnit ContinueSkipping(ByteWindow window)
    {
        var span = window.Span;
        for (var i = 0; i < span.Length; i++)
        {
            var end = _skip.Step(span[i]);
            if (end != ElementSkipper.NotYet)
            {
                Consume(window, i + end);
                _position = Position.AfterElement;
                return new RowUnit(RowUnitKind.TooLong, _skippedElementLine);
            }
        }
        Consume(window, span.Length);
        return window.EndOfStream ? Broken("the JSON array is not closed (missing ']')") : RowUnit.NeedMore;
    }

    private RowUnit Broken(string message, int? line = null) => new(RowUnitKind.Broken, line ?? _line, Error: message);

    private void Consume(ByteWindow window, int count)
    {
        _line += window.Span[..count].Count((byte)'\n');
        window.Advance(count);
    }

    private static int CountLeadingWhitespace(ReadOnlySpan<byte> span)
    {
        var index = span.IndexOfAnyExcept(" \t\r\n"u8);
        return index < 0 ? span.Length : index;
    }
}
