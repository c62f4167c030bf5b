namespace Forgetless.Training.Datasets.Formats;

/// <summary>
/// The problems found in one row, each with the field it concerns (null: the row as a whole).
/// <see cref="Under"/> gives a view that prefixes field names, e.g. "messages[2]" + "content".
/// </summary>
internal sealed class RowErrors
{
    private readonly List<(string? Field, string Message)> _items;
    private readonly string _prefix;

    public RowErrors()
        : this([], "")
    {
    }

    private RowErrors(List<(string? Field, string Message)> items, string prefix) => (_items, _prefix) = (items, prefix);

    public int Count => _items.Count;

    public bool Any => _items.Count > 0;

    public IReadOnlyList<(string? Field, string Message)> Items => _items;

    public RowErrors Under(string path) => new(_items, $"{_prefix}{path}.");

    public void Add(string? field, string message) => _items.Add((field is null ? null : _prefix + field, message));
}
