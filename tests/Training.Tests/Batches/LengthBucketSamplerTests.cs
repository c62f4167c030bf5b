using Forgetless.Training.Batches;

namespace Forgetless.Training.Tests.Batches;

public class LengthBucketSamplerTests
{
    private static readonly int[] Lengths = RandomLengths(count: 803, seed: 1);

    [Fact]
    public void Every_epoch_yields_each_example_exactly_once()
    {
        var sampler = new LengthBucketSampler(Lengths, batchSize: 8, seed: 3);

        var epoch = Enumerable.Range(0, sampler.BatchesPerEpoch).Select(_ => sampler.Next()).ToList();

        Assert.Equal(101, sampler.BatchesPerEpoch); // ceil(803 / 8); one batch holds the 3 left over
        Assert.Equal(Enumerable.Range(0, 803), epoch.SelectMany(batch => batch).Order());
        Assert.All(epoch, batch => Assert.InRange(batch.Length, 1, 8));
    }

    [Fact]
    public void Padding_fraction_is_pad_tokens_over_all_tokens()
    {
        // One batch of lengths 2, 4, 3 padded to 4: 12 tokens of which 2 + 0 + 1 = 3 padding → 0.25.
        Assert.Equal(0.25, LengthBucketSampler.PaddingFraction([[0, 1, 2]], [2, 4, 3]));
    }

    [Fact]
    public void Bucketing_pads_far_less_than_random_batching()
    {
        var bucketed = new LengthBucketSampler(Lengths, batchSize: 8, seed: 3);
        var random = new LengthBucketSampler(Lengths, batchSize: 8, seed: 3, windowBatches: 1);

        var bucketedPadding = LengthBucketSampler.PaddingFraction(bucketed.EpochBatches(0), Lengths);
        var randomPadding = LengthBucketSampler.PaddingFraction(random.EpochBatches(0), Lengths);

        Assert.True(randomPadding > 0.3, $"random batching padded {randomPadding:P1}");
        Assert.True(bucketedPadding < randomPadding / 4, $"bucketed {bucketedPadding:P1} vs random {randomPadding:P1}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_batches_across_epochs_and_another_seed_does_not()
    {
        var first = new LengthBucketSampler(Lengths, batchSize: 64, seed: 5);
        var second = new LengthBucketSampler(Lengths, batchSize: 64, seed: 5);
        var other = new LengthBucketSampler(Lengths, batchSize: 64, seed: 6);

        var batches = Take(first, 30); // 13 batches per epoch: crosses two epoch boundaries

        Assert.Equal(batches, Take(second, 30));
        Assert.NotEqual(batches, Take(other, 30));
    }

    [Fact]
    public void Each_epoch_is_reshuffled()
    {
        var sampler = new LengthBucketSampler(Lengths, batchSize: 64, seed: 5);

        Assert.NotEqual(sampler.EpochBatches(0), sampler.EpochBatches(1));
    }

    [Fact]
    public void Resuming_from_a_saved_position_continues_with_the_same_batches()
    {
        var uninterrupted = new LengthBucketSampler(Lengths, batchSize: 64, seed: 5);
        Take(uninterrupted, 17);
        var saved = uninterrupted.Position;

        var resumed = new LengthBucketSampler(Lengths, batchSize: 64, saved);

        Assert.Equal(new SamplerPosition(Seed: 5, Epoch: 1, Offset: 4), saved); // 17 = 13 + 4
        Assert.Equal(Take(uninterrupted, 20), Take(resumed, 20));
    }

    [Fact]
    public void A_position_past_the_end_of_an_epoch_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new LengthBucketSampler(Lengths, batchSize: 64, new SamplerPosition(5, 0, 14)));
    }

    private static List<int[]> Take(LengthBucketSampler sampler, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => sampler.Next())];

    private static int[] RandomLengths(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => random.Next(4, 200))];
    }
}
