using Forgetless.Training.Datasets;
using Forgetless.Training.Schedules;

namespace Forgetless.Training.Demo;

/// <summary>
/// A synthetic task on which SFT and DPO conflict by a bounded amount, small enough to train in seconds on a CPU.
/// Both datasets ask the same kind of arithmetic question. SFT answers half the questions "The answer is 7." and
/// half "The result is 7.", so its optimum gives each style about even odds. The preference pairs prefer "The
/// result is 7." over "The answer is 7.", except a fixed share (<see cref="FlippedPairShare"/>) that prefer the
/// other way, as noisy human labels do. So DPO's optimum is not 0 but the entropy of that noise (≈ 0.50 nats per
/// pair at 20 %), it is reached at a finite margin (ln 4 / β nats), and pushing the style apart costs SFT a bounded
/// loss: both objectives have room to move, and a stage that trains one only still forgets the other. Both styles
/// have the same number of tokens, so a fresh model starts at f_DPO ≈ ln 2 whatever the reference.
/// Everything is a function of the seed.
/// </summary>
public static class DemoTask
{
    /// <summary>The share of preference pairs whose labels are flipped (they prefer the "answer" style).</summary>
    public const double FlippedPairShare = 0.2;

    private static readonly string[] Words =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    public static IReadOnlyList<SftExample> SftExamples(int count, ulong seed)
    {
        var random = new SeededRandom(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Question(random))
            .Select(q => new SftExample(UserPrompt(q), random.NextInt(2) == 0 ? q.AnswerStyle : q.ResultStyle))];
    }

    public static IReadOnlyList<PreferenceExample> PreferenceExamples(int count, ulong seed)
    {
        // A different stream from the SFT one, so the two sets share the distribution, not the rows.
        var random = new SeededRandom(seed ^ 0x5DEECE66DUL);
        return [.. Enumerable.Range(0, count).Select(_ => Question(random)).Select(q => random.NextDouble() < FlippedPairShare
            ? new PreferenceExample(UserPrompt(q), q.AnswerStyle, q.ResultStyle)
            : new PreferenceExample(UserPrompt(q), q.ResultStyle, q.AnswerStyle))];
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
