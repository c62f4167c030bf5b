using Forgetless.Training.Datasets;
using Forgetless.Training.Schedules;

namespace Forgetless.Training.Demo;

/// <summary>
/// A synthetic task on which SFT and DPO conflict, small enough to train in seconds on a CPU, where both objectives
/// start far from their optimum. Both datasets ask the same kind of arithmetic question. SFT answers half the questions
/// "The answer is 7." and half "The result is 7.", so its optimum gives each style even odds. The preference pairs
/// prefer "The result is 7." over "The answer is 7.": lowering f_DPO means taking probability from one of SFT's two
/// styles, so a stage that trains DPO alone forgets half of what SFT taught, while a model that leans towards "result"
/// without dropping "answer" does well on both. Both styles have the same number of tokens and even odds under the SFT
/// optimum, so a fresh model and the SFT optimum both start at f_DPO ≈ ln 2 (with the SFT optimum as reference).
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
            .Select(q => new SftExample(UserPrompt(q), random.NextInt(2) == 0 ? q.AnswerStyle : q.ResultStyle))];
    }

    public static IReadOnlyList<PreferenceExample> PreferenceExamples(int count, ulong seed)
    {
        // A different stream from the SFT one, so the two sets share the distribution, not the rows.
        var random = new SeededRandom(seed ^ 0x5DEECE66DUL);
        return [.. Enumerable.Range(0, count).Select(_ => Question(random))
            .Select(q => new PreferenceExample(UserPrompt(q), q.ResultStyle, q.AnswerStyle))];
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
