using System.Text.Json;

namespace Forgetless.Training.Datasets.Formats;

/// <summary>Converts one JSON object row of a known format into a normalised example, or reports why not.</summary>
internal interface IRowFormat
{
    DatasetFormat Format { get; }

    DatasetRow? Convert(JsonElement row, int line, RowErrors errors);
}
