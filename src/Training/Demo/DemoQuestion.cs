namespace Forgetless.Training.Demo;

/// <summary>One arithmetic question of the demo task and its numeric answer.</summary>
public sealed record DemoQuestion(string Text, int Answer)
{
    /// <summary>The SFT targets' style: a full sentence.</summary>
    public string SentenceAnswer => $"The answer is {Answer}.";

    /// <summary>The preferred style of the preference data: the bare number, exclaimed.</summary>
    public string TerseAnswer => $"{Answer}!";
}
