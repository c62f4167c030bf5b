namespace Forgetless.Training.Datasets.Reading;

internal enum RowUnitKind
{
    /// <summary>One JSONL line or one array element, in <see cref="RowUnit.Bytes"/>.</summary>
    Row,
    /// <summary>A row over the size limit; its bytes were skipped.</summary>
    TooLong,
    /// <summary>The file's structure is broken (e.g. an unclosed array); nothing after it can be read.</summary>
    Broken,
    NeedMore,
    End,
}

/// <summary>What a splitter found next. <see cref="Bytes"/> points into the window: use it before the next fill.</summary>
internal readonly record struct RowUnit(RowUnitKind Kind, int Line, ReadOnlyMemory<byte> Bytes = default, string? Error = null)
{
    public static readonly RowUnit NeedMore = new(RowUnitKind.NeedMore, 0);

    public static readonly RowUnit End = new(RowUnitKind.End, 0);
}
