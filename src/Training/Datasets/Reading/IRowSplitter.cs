namespace Forgetless.Training.Datasets.Reading;

/// <summary>Cuts the bytes of a window into rows, without reading the stream itself.</summary>
internal interface IRowSplitter
{
    RowUnit Next(ByteWindow window);
}
