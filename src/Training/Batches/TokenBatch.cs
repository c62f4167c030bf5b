using Forgetless.Training.Losses;
using static TorchSharp.torch;

namespace Forgetless.Training.Batches;

/// <summary>
/// Right-padded rows of token ids with their labels, kept as plain arrays until a training step turns them into
/// tensors inside its dispose scope (<see cref="ToTensors"/>). Labels are the ids with prompt and padding positions
/// set to -100; the loss does the shift. Built by <see cref="SftBatch"/> and <see cref="PreferenceBatch"/>.
/// </summary>
public sealed class TokenBatch
{
    private readonly long[] _inputIds;
    private readonly long[] _labels;

    internal TokenBatch(IReadOnlyList<(int[] Ids, int ResponseStart)> rows, int padId)
    {
        Rows = rows.Count;
        Columns = rows.Max(row => row.Ids.Length);
        _inputIds = new long[Rows * Columns];
        _labels = new long[Rows * Columns];
        for (var r = 0; r < Rows; r++)
        {
            var (ids, responseStart) = rows[r];
            for (var c = 0; c < Columns; c++)
            {
                var isToken = c < ids.Length;
                _inputIds[r * Columns + c] = isToken ? ids[c] : padId;
                _labels[r * Columns + c] = isToken && c >= responseStart ? ids[c] : LabelMask.Ignore;
            }

            // Labels at column 0 are never predicted (the loss shifts), so they are not counted as trained.
            ResponseTokenCount += Math.Max(0, ids.Length - Math.Max(responseStart, 1));
            TokenCount += ids.Length;
        }
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>Real (non-padding) tokens: TRL's <c>num_tokens</c>.</summary>
    public long TokenCount { get; }

    /// <summary>Tokens the loss trains on: labels other than -100 at columns 1 and later.</summary>
    public long ResponseTokenCount { get; }

    public long PadCount => (long)Rows * Columns - TokenCount;

    /// <summary>Padding tokens over all tokens in the padded batch.</summary>
    public double PaddingFraction => (double)PadCount / ((long)Rows * Columns);

    public ReadOnlySpan<long> InputIds => _inputIds;

    public ReadOnlySpan<long> Labels => _labels;

    public BatchTensors ToTensors(Device device) =>
        new(tensor(_inputIds, [Rows, Columns], device: device), tensor(_labels, [Rows, Columns], device: device));
}
