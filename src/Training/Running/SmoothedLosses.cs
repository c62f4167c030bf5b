using System.Text.Json.Serialization;

namespace Forgetless.Training.Running;

/// <summary>
/// Exponential moving averages of each objective's training-batch loss over the steps that computed it, with the
/// paper's decay (its trainers log <c>loss_mean = 0.9·loss_mean + 0.1·loss</c>). Unlike the paper's, each average
/// starts at its first loss instead of 0, so a short run's value is not pulled towards 0. Null until the objective
/// has been computed once. An optimum run's final value is MAXRIGHT's f* (paper §2.4: it compares batch losses).
/// </summary>
public sealed record SmoothedLosses(
    [property: JsonPropertyName("sft")] double? Sft,
    [property: JsonPropertyName("dpo")] double? Dpo)
{
    public const double Decay = 0.9;

    public static SmoothedLosses None { get; } = new(null, null);

    public SmoothedLosses Add(double? sftLoss, double? dpoLoss) => new(Smooth(Sft, sftLoss), Smooth(Dpo, dpoLoss));

    private static double? Smooth(double? average, double? loss) => loss is not { } value ? average
        : average is { } previous ? Decay * previous + (1 - Decay) * value
        : value;
}
