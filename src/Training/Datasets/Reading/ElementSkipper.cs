namespace Forgetless.Training.Datasets.Reading;

/// <summary>
/// Finds where one JSON value ends, byte by byte, tracking only strings, escapes and bracket depth.
/// Used to skip a value too large to buffer; its content is not validated.
/// </summary>
internal struct ElementSkipper
{
    public const int NotYet = -1;

    private int _depth;
    private bool _inString;
    private bool _escaped;

    /// <summary>Feeds one byte; returns NotYet, or how many bytes of this step belong to the value (0 or 1).</summary>
    public int Step(byte b)
    {
        if (_inString)
        {
            if (_escaped)
            {
                _escaped = false;
            }
            else if (b == (byte)'\\')
            {
                _escaped = true;
            }
            else if (b == (byte)'"')
            {
                _inString = false;
                return _depth == 0 ? 1 : NotYet;
            }
            return NotYet;
        }
        switch (b)
        {
            case (byte)'"':
                _inString = true;
                return NotYet;
            case (byte)'{' or (byte)'[':
                _depth++;
                return NotYet;
            case (byte)'}' or (byte)']' when _depth == 0:
                return 0; // a bare value ended at the enclosing array's ']'
            case (byte)'}' or (byte)']':
                _depth--;
                return _depth == 0 ? 1 : NotYet;
            case (byte)',' when _depth == 0:
                return 0;
            default:
                return NotYet;
        }
    }
}
