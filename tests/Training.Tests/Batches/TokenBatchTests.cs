using Forgetless.Training.Batches;
using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Training.Tests.Batches;

public class TokenBatchTests
{
    [Fact]
    public void Sft_rows_are_right_padded_and_prompt_and_padding_labels_are_minus_100()
    {
        var batch = SftBatch.Collate([new TokenizedSft([10, 11, 12, 13], 2), new TokenizedSft([20, 21, 22], 1)], padId: 0);

        Assert.Equal((2, 4), (batch.Rows, batch.Columns));
        Assert.Equal([10, 11, 12, 13, 20, 21, 22, 0], batch.InputIds.ToArray());
        Assert.Equal([-100, -100, 12, 13, -100, 21, 22, -100], batch.Labels.ToArray());
    }

    [Fact]
    public void Counts_tokens_trained_tokens_and_the_padding_fraction()
    {
        var batch = SftBatch.Collate([new TokenizedSft([10, 11, 12, 13], 2), new TokenizedSft([20, 21, 22], 1)], padId: 0);

        Assert.Equal(7, batch.TokenCount);          // 4 + 3 real tokens
        Assert.Equal(4, batch.ResponseTokenCount);  // 12, 13 and 21, 22
        Assert.Equal(1, batch.PadCount);            // 2·4 − 7
        Assert.Equal(0.125, batch.PaddingFraction); // 1 / 8
    }

    [Fact]
    public void A_response_label_at_column_zero_is_not_counted_as_trained()
    {
        var batch = SftBatch.Collate([new TokenizedSft([5, 6], 0)], padId: 0);

        Assert.Equal([5, 6], batch.Labels.ToArray());
        Assert.Equal(1, batch.ResponseTokenCount); // only 6 is predicted (from 5)
    }

    [Fact]
    public void Preference_batches_put_all_chosen_rows_first_then_the_rejected_rows()
    {
        var batch = PreferenceBatch.Collate(
            [new TokenizedPreference([1, 2, 3], [1, 2, 4, 5], 2), new TokenizedPreference([6, 7], [6, 8], 1)], padId: 9);

        Assert.Equal((4, 4), (batch.Rows, batch.Columns));
        Assert.Equal([1, 2, 3, 9, 6, 7, 9, 9, 1, 2, 4, 5, 6, 8, 9, 9], batch.InputIds.ToArray());
        Assert.Equal(
            [-100, -100, 3, -100, -100, 7, -100, -100, -100, -100, 4, 5, -100, 8, -100, -100],
            batch.Labels.ToArray());
    }

    [Fact]
    public void Tensors_are_int64_of_shape_rows_by_columns()
    {
        using var scope = NewDisposeScope();
        var batch = SftBatch.Collate([new TokenizedSft([10, 11, 12, 13], 2), new TokenizedSft([20, 21, 22], 1)], padId: 0);

        var (inputIds, labels) = batch.ToTensors(CPU);

        Assert.Equal([2L, 4L], inputIds.shape);
        Assert.Equal(ScalarType.Int64, labels.dtype);
        Assert.Equal(-100L, labels[1, 3].item<long>());
        Assert.Equal(22L, inputIds[1, 2].item<long>());
    }
}
