namespace Forgetless.Training.Schedules;

/// <summary>
/// The learning rate as a pure function of the 0-based step, like nanoGPT's <c>get_lr(it)</c>: linear warm-up
/// over <see cref="WarmupSteps"/> steps, then constant, or a cosine decay to <see cref="MinimumRate"/> at
/// <see cref="TotalSteps"/>. The paper's runs use a constant rate without warm-up.
/// </summary>
public sealed record LearningRateSchedule(double PeakRate, long WarmupSteps = 0, bool Cosine = false, long TotalSteps = 0, double MinimumRate = 0)
{
    public static LearningRateSchedule Constant(double rate) => new(rate);

    public double At(long step)
    {
        if (step < WarmupSteps)
        {
            return PeakRate * (step + 1) / WarmupSteps;
        }

        if (!Cosine || TotalSteps <= WarmupSteps)
        {
            return PeakRate;
        }

        var progress = Math.Min(1.0, (double)(step - WarmupSteps) / (TotalSteps - WarmupSteps));
        return MinimumRate + 0.5 * (1 + Math.Cos(Math.PI * progress)) * (PeakRate - MinimumRate);
    }
}
