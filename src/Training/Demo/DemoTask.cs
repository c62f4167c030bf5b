using Forgetless.Training.Datasets;
using Forgetless.Training.Schedules;

namespace Forgetless.Training.Demo;

/// <summary>
/// A synthetic task on which SFT and DPO conflict, small enough to train in seconds on a CPU. Both datasets ask
/// the same kind of arithmetic question. SFT teaches the answer as a sentence ("The answer is 7."); the
/// preference pairs prefer the terse "7!" and reject exactly the SFT style. Lowering f_DPO therefore means
/// moving probability away from the SFT targets, so a stage that trains one objective forgets the other.
/// Everything is a function of the seed.
/// </summary>
public static class DemoTask
{
    private static readonly string[] Words =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    public static IReadOnlyList<SftExample> SftExamples(int count, ulong seed)
    {
        var random = new SeededRandom(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Question(random))
            .Select(q => new SftExample(UserPrompt(q), q.SentenceAnswer))];
    }

    public static IReadOnlyList<PreferenceExample> PreferenceExamples(int count, ulong seed)
    {
        // A different stream from the SFT one, so the two sets share the distribution, not the rows.
        var random = new SeededRandom(seed ^ 0x5DEECE66DUL);
        return [.. Enumerable.Range(0, count).Select(_ => Question(random))
            .Select(q => new PreferenceExample(UserPrompt(q), q.TerseAnswer, q.SentenceAnswer))];
    }

    /// <summary>Draws one question: a sum, a difference, a successor or a predecessor of small numbers.</summary>
    public static DemoQuestion Question(SeededRandom random)
    {
        var a = random.NextInt(10);
        var b = random.NextInt(10);
        return random.NextInt(4) switch
        {
            0 => new DemoQuestion($"What is {Words[a]} plus {Words[b]}?", a + b),
            1 => new DemoQuestion($"What is {Words[Math.Max(a, b)]} minus {Words[Math.Min(a, b)]}?", Math.Abs(a - b)),
            2 => new DemoQuestion($"What comes after {Words[a]}?", a + 1),
            _ => new DemoQuestion($"What comes before {Words[a + (a == 0 ? 1 : 0)]}?", a + (a == 0 ? 1 : 0) - 1),
        };
    }

    private static Prompt UserPrompt(DemoQuestion question) =>
        Prompt.FromTurns([new ChatTurn("user", question.Text)]);
}
