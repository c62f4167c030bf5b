using Forgetless.Training.Losses;
using Forgetless.Training.Model;
using Forgetless.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Bench;

/// <summary>
/// A model, an AdamW optimizer and full-length random batches (no padding, every position trained): one SFT step
/// on (B, T), and one DPO step on (2B, T) chosen+rejected rows against reference log-probs computed once up front,
/// as the engine's cache provides them. Each step is what the trainer does: zero_grad, forward, loss, backward, step.
/// </summary>
public sealed class StepRig : IDisposable
{
    private readonly LlamaForCausalLM _model;
    private readonly AdamW _optimizer;
    private readonly Tensor _sftIds;
    private readonly Tensor _pairIds;
    private readonly Tensor _referenceChosen;
    private readonly Tensor _referenceRejected;
    private readonly DpoLoss _dpo = new(beta: 0.1);

    public StepRig(LlamaConfig config, int batch, int length, int seed = 0, bool recomputeActivations = false)
    {
        manual_seed(seed);
        _model = new LlamaForCausalLM(config);
        _model.train();
        _model.Model.RecomputeActivations = recomputeActivations;
        _optimizer = new AdamW(_model.parameters(), learningRate: 1e-4, beta1: 0.9, beta2: 0.99, weightDecay: 0); // the engine's AdamW
        _sftIds = randint(0, config.VocabSize, [batch, length], ScalarType.Int64);
        _pairIds = randint(0, config.VocabSize, [2 * batch, length], ScalarType.Int64);
        using (no_grad())
        using (var scope = NewDisposeScope())
        {
            var (chosen, rejected) = SequenceLogProbs.SplitPairs(SequenceLogProbs.Compute(_model.forward(_pairIds), _pairIds));
            (_referenceChosen, _referenceRejected) = (chosen.clone().DetachFromDisposeScope(), rejected.clone().DetachFromDisposeScope());
        }
    }

    public long SftTokens => _sftIds.numel();

    public long DpoTokens => _pairIds.numel();

    /// <param name="phases">When given, receives the time of each phase (torch on CPU is synchronous, so laps are exact).</param>
    public float SftStep(PhaseClock? phases = null)
    {
        using var scope = NewDisposeScope();
        _optimizer.ZeroGrad();
        var logits = _model.forward(_sftIds);
        phases?.Lap("forward");
        var loss = SftLoss.Compute(logits, _sftIds).Loss;
        phases?.Lap("loss");
        return BackwardAndStep(loss, phases);
    }

    public float DpoStep(PhaseClock? phases = null)
    {
        using var scope = NewDisposeScope();
        _optimizer.ZeroGrad();
        var logits = _model.forward(_pairIds);
        phases?.Lap("forward");
        var (chosen, rejected) = SequenceLogProbs.SplitPairs(SequenceLogProbs.Compute(logits, _pairIds));
        var loss = _dpo.Compute(chosen, rejected, _referenceChosen, _referenceRejected).Loss;
        phases?.Lap("loss");
        return BackwardAndStep(loss, phases);
    }

    private float BackwardAndStep(Tensor loss, PhaseClock? phases)
    {
        loss.backward();
        phases?.Lap("backward");
        _optimizer.Step();
        phases?.Lap("optimizer");
        return loss.item<float>();
    }

    public void Dispose()
    {
        foreach (var tensor in new[] { _sftIds, _pairIds, _referenceChosen, _referenceRejected })
        {
            tensor.Dispose();
        }

        _optimizer.Dispose();
        _model.Dispose();
    }
}
