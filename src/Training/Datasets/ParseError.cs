namespace Forgetless.Training.Datasets;

/// <summary>
/// One problem in a dataset file. <see cref="Line"/> is 1-based (the first line of the element for a JSON
/// array), or 0 for problems of the whole file such as an empty file.
/// </summary>
public sealed record ParseError(int Line, string? Field, string Message)
{
    public override string ToString() => (Line, Field) switch
    {
        (0, null) => Message,
        (0, _) => $"field \"{Field}\": {Message}",
        (_, null) => $"line {Line}: {Message}",
        _ => $"line {Line}, field \"{Field}\": {Message}",
    };
}
