using Forgetless.Training.Datasets;

namespace Forgetless.Training.Tests.Datasets;

public class HeldOutSplitTests
{
    private static readonly List<PreferenceExample> Pairs = Enumerable.Range(0, 200)
        .Select(i => new PreferenceExample(Prompt.FromText($"Question {i}?"), $" Answer {i}.", $" Wrong {i}."))
        .ToList();

    [Fact]
    public void Held_out_part_has_the_rounded_fraction_and_is_disjoint_from_train()
    {
        var split = HeldOutSplit.Split(Pairs, fraction: 0.1, seed: 7);

        Assert.Equal(20, split.HeldOut.Count);
        Assert.Equal(180, split.Train.Count);
        Assert.Empty(split.Train.Intersect(split.HeldOut));
        Assert.Equal(Pairs.ToHashSet(), split.Train.Concat(split.HeldOut).ToHashSet());
    }

    [Fact]
    public void Same_seed_and_fraction_give_the_same_split_whatever_the_order()
    {
        var first = HeldOutSplit.Split(Pairs, 0.1, seed: 7);
        var again = HeldOutSplit.Split(Pairs, 0.1, seed: 7);
        var shuffled = HeldOutSplit.Split(Pairs.OrderBy(p => p.Chosen.GetHashCode(StringComparison.Ordinal) ^ 0x5bd1e995).ToList(), 0.1, seed: 7);

        Assert.Equal(first.HeldOut, again.HeldOut);
        Assert.Equal(first.HeldOut.ToHashSet(), shuffled.HeldOut.ToHashSet());
    }

    [Fact]
    public void A_different_seed_picks_different_examples()
    {
        var seven = HeldOutSplit.Split(Pairs, 0.1, seed: 7).HeldOut.ToHashSet();
        var eight = HeldOutSplit.Split(Pairs, 0.1, seed: 8).HeldOut.ToHashSet();

        Assert.NotEqual(seven, eight);
    }

    [Fact]
    public void Both_parts_keep_file_order()
    {
        var split = HeldOutSplit.Split(Pairs, 0.25, seed: 1);

        Assert.Equal(split.Train.OrderBy(Pairs.IndexOf), split.Train);
        Assert.Equal(split.HeldOut.OrderBy(Pairs.IndexOf), split.HeldOut);
    }

    [Fact]
    public void Sft_examples_split_the_same_way()
    {
        var examples = Enumerable.Range(0, 50)
            .Select(i => new SftExample(Prompt.FromTurns([new ChatTurn("user", $"Count to {i}.")]), $"{i}"))
            .ToList();

        var split = HeldOutSplit.Split(examples, 0.2, seed: 3);

        Assert.Equal(10, split.HeldOut.Count);
        Assert.Equal(40, split.Train.Count);
        Assert.Empty(split.Train.Intersect(split.HeldOut));
    }

    [Theory]
    [InlineData(100, 0.0, 0)]
    [InlineData(100, 0.05, 5)]
    [InlineData(10, 0.01, 1)]
    [InlineData(2, 0.9, 1)]
    [InlineData(1, 0.5, 0)]
    [InlineData(7, 0.5, 4)]
    public void Held_out_count_rounds_and_leaves_one_on_each_side(int count, double fraction, int expected) =>
        Assert.Equal(expected, HeldOutSplit.HeldOutCount(count, fraction));

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Fractions_outside_zero_to_one_are_refused(double fraction) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => HeldOutSplit.HeldOutCount(10, fraction));
}
