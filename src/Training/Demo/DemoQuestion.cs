namespace Forgetless.Training.Demo;

/// <summary>One arithmetic question of the demo task and its numeric answer.</summary>
public sealed record DemoQuestion(string Text, int Answer)
{
    /// <summary>One of the two styles SFT teaches; the one the preference data rejects.</summary>
    public string AnswerStyle => $"The answer is {Answer}.";

    /// <summary>The other SFT style; the one the preference data prefers; the same number of tokens as <see cref="AnswerStyle"/>.</summary>
    public string ResultStyle => $"The result is {Answer}.";
}
