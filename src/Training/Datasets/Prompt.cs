namespace Forgetless.Training.Datasets;

/// <summary>
/// What the model is asked. A prompt that arrived as one string (HH-RLHF, prompt/chosen/rejected) keeps it
/// verbatim in <see cref="Text"/> so that templates do not wrap an already formatted transcript again;
/// a prompt that arrived as fields or messages (Alpaca, OpenAI, ShareGPT) is a list of <see cref="Turns"/>.
/// </summary>
public sealed record Prompt
{
    private Prompt(string? text, IReadOnlyList<ChatTurn> turns) => (Text, Turns) = (text, turns);

    public string? Text { get; }

    public IReadOnlyList<ChatTurn> Turns { get; }

    public bool IsText => Text is not null;

    public static Prompt FromText(string text) => new(text, []);

    public static Prompt FromTurns(IReadOnlyList<ChatTurn> turns) => new(null, turns);

    public bool Equals(Prompt? other) =>
        other is not null && Text == other.Text && Turns.SequenceEqual(other.Turns);

    public override int GetHashCode() => HashCode.Combine(Text, Turns.Count);
}
