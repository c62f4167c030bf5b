using System.Text.Json;

namespace Forgetless.Training.Schedules;

/// <summary>
/// MAXRIGHT(λ, k), the memory-efficient form of the paper's code (§2.4). It keeps two weighted gaps,
/// s_SFT = (1−λ)(f_SFT − f*_SFT) and s_DPO = λ(f_DPO − f*_DPO), and every step trains the objective whose gap is
/// larger (ties go to SFT) with the unweighted loss. Both gaps are re-evaluated without gradients on the current
/// batches before training starts and every <c>k</c> steps; in between they are stale, except that the trained
/// objective's gap is refreshed from its pre-update batch loss. Both loaders advance every step; the batch of the
/// objective not chosen is thrown away. <c>k ≤ 0</c> evaluates only once, before training.
/// </summary>
public sealed class MaxrightSchedule : ISchedule
{
    private readonly double _lambda;
    private readonly int _evaluationInterval;
    private readonly IdealPoint _ideal;
    private Estimates _estimates = new(false, 0, 0, Objective.Sft, 0);

    public MaxrightSchedule(double lambda, int evaluationInterval, IdealPoint ideal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lambda, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lambda, 1);
        (_lambda, _evaluationInterval, _ideal) = (lambda, evaluationInterval, ideal);
    }

    public string Name => "maxright";

    /// <summary>The current (possibly stale) weighted gaps.</summary>
    public (double Sft, double Dpo) WeightedGaps => (_estimates.SftGap, _estimates.DpoGap);

    /// <summary>How many no-grad evaluations of both objectives have run.</summary>
    public long Evaluations => _estimates.Evaluations;

    public StepPlan Plan(long step, IObjectiveProbe probe)
    {
        if (!_estimates.Initialised || IsEvaluationStep(step))
        {
            var losses = probe.EvaluateWithoutGradients();
            _estimates = _estimates with
            {
                Initialised = true,
                SftGap = WeightedSftGap(losses.Sft),
                DpoGap = WeightedDpoGap(losses.Dpo),
                Evaluations = _estimates.Evaluations + 1,
            };
        }

        var chosen = _estimates.DpoGap > _estimates.SftGap ? Objective.Dpo : Objective.Sft;
        _estimates = _estimates with { Chosen = chosen };
        return StepPlan.Only(chosen, drawsBothBatches: true);
    }

    public void Observe(StepLosses losses)
    {
        if (_estimates.Chosen == Objective.Sft && losses.Sft is { } sft)
        {
            _estimates = _estimates with { SftGap = WeightedSftGap(sft) };
        }
        else if (_estimates.Chosen == Objective.Dpo && losses.Dpo is { } dpo)
        {
            _estimates = _estimates with { DpoGap = WeightedDpoGap(dpo) };
        }
    }

    public string SaveState() => JsonSerializer.Serialize(_estimates);

    public void RestoreState(string state) =>
        _estimates = JsonSerializer.Deserialize<Estimates>(state) ?? throw new FormatException("empty MAXRIGHT state");

    // The initial evaluation covers step 0, so the first periodic one is at step k.
    private bool IsEvaluationStep(long step) => _evaluationInterval > 0 && step > 0 && step % _evaluationInterval == 0;

    private double WeightedSftGap(double sftLoss) => (1 - _lambda) * _ideal.SftGap(sftLoss);

    private double WeightedDpoGap(double dpoLoss) => _lambda * _ideal.DpoGap(dpoLoss);

    private sealed record Estimates(bool Initialised, double SftGap, double DpoGap, Objective Chosen, long Evaluations);
}
