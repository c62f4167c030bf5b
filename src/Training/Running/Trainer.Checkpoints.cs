using System.Text.Json;
using Forgetless.Training.Batches;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Forgetless.Training.Running;

/// <summary>
/// Checkpoints: weights (safetensors; with LoRA only the adapters, in PEFT layout, as the base stays θ₀), AdamW state,
/// and the trainer's own state, written atomically.
/// </summary>
public sealed partial class Trainer
{
    public const string ModelFileName = "model.safetensors";
    private const string OptimizerFileName = "optimizer.bin";
    private const string StateFileName = "trainer.json";

    /// <summary>
    /// Writes what makes a checkpoint folder a model others can load (config, generation config, tokenizer) beside the
    /// weights; the run executor supplies it, as only it knows the tokenizer.
    /// </summary>
    public Action<string>? WriteModelFiles { get; init; }

    /// <summary>Writes a checkpoint of the current step (when a checkpoint store was given) and returns its folder.</summary>
    public string? SaveCheckpoint() => _checkpoints?.Save(_step, WriteCheckpoint);

    public void WriteCheckpoint(string directory)
    {
        if (_lora is null)
        {
            _policy.save_safetensors(Path.Combine(directory, ModelFileName));
        }
        else
        {
            _lora.SavePeft(directory);
        }

        _optimizer.Save(Path.Combine(directory, OptimizerFileName));
        var state = new TrainerState(_step, _schedule.SaveState(), _sftSampler.Position, _dpoSampler.Position,
            _numTokens, _dpoSteps, _sftSteps, _trainSeconds, [.. _curve], _smoothed, _evalSeconds);
        File.WriteAllText(Path.Combine(directory, StateFileName), JsonSerializer.Serialize(state));
        WriteModelFiles?.Invoke(directory);
    }

    /// <summary>Continues from a checkpoint folder written by <see cref="WriteCheckpoint"/>: the same later steps follow.</summary>
    public void RestoreCheckpoint(string directory)
    {
        var state = JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(Path.Combine(directory, StateFileName)))
            ?? throw new FormatException($"{directory}: empty trainer state");
        if (_lora is null)
        {
            _policy.load_safetensors(Path.Combine(directory, ModelFileName));
        }
        else
        {
            _lora.LoadWeights(directory);
        }

        _step = state.Step;
        _optimizer.Dispose();
        _optimizer = CreateOptimizer();
        _optimizer.Load(Path.Combine(directory, OptimizerFileName));
        _schedule.RestoreState(state.ScheduleState);
        _sftSampler = SftSampler(state.SftSampler);
        _dpoSampler = DpoSampler(state.DpoSampler);
        (_numTokens, _dpoSteps, _sftSteps, _trainSeconds, _evalSeconds) = (state.NumTokens, state.DpoSteps, state.SftSteps, state.TrainSeconds, state.EvalSeconds);
        _curve.Clear();
        _curve.AddRange(state.Curve);
        _smoothed = state.Smoothed ?? SmoothedLosses.None;
    }
}
