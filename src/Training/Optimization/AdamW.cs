using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Training.Optimization;

/// <summary>
/// AdamW (Loshchilov and Hutter, "Decoupled Weight Decay Regularization"), the update torch.optim.AdamW makes with
/// amsgrad off: decay the weights by lr·λ, update both moments, step by lr/(1−β₁ᵗ) · m / (√v / √(1−β₂ᵗ) + ε).
/// Our own because TorchSharp's step passes temporary Scalars to libtorch without keeping them alive (a GC mid-call
/// crashed in its addcdiv_); here every Scalar is held across its call. One parameter group. <see cref="Save"/> writes
/// TorchSharp's AdamW state file byte for byte, so checkpoints written before and after this class resume either way.
/// </summary>
public sealed class AdamW : IDisposable
{
    private const string FileTypeName = "AdamW"; // TorchSharp writes the optimizer's type name first
    private readonly IReadOnlyList<TorchSharp.Modules.Parameter> _parameters;
    private readonly ParameterState[] _states;
    private readonly double _initialLearningRate;

    public AdamW(IEnumerable<TorchSharp.Modules.Parameter> parameters, double learningRate, double beta1, double beta2,
        double weightDecay, double eps = 1e-8)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(learningRate);
        ArgumentOutOfRangeException.ThrowIfNegative(weightDecay);
        ArgumentOutOfRangeException.ThrowIfNegative(eps);
        if (beta1 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "β₁ must be in [0, 1).");
        if (beta2 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "β₂ must be in [0, 1).");
        _parameters = [.. parameters];
        (LearningRate, _initialLearningRate, Beta1, Beta2, WeightDecay, Eps) = (learningRate, learningRate, beta1, beta2, weightDecay, eps);
        _states = [.. _parameters.Select(p => new ParameterState(zeros_like(p).DetachFromDisposeScope(), zeros_like(p).DetachFromDisposeScope()))];
    }

    public double LearningRate { get; set; }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double WeightDecay { get; }

    public double Eps { get; }

    public void ZeroGrad()
    {
        foreach (var parameter in _parameters)
        {
            using var grad = parameter.grad;
            grad?.zero_();
        }
    }

    public void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var decay = (1 - LearningRate * WeightDecay).ToScalar();
        using var beta1 = Beta1.ToScalar();
        using var beta2 = Beta2.ToScalar();
        using var gradientShare = (1 - Beta1).ToScalar();
        using var squareShare = (1 - Beta2).ToScalar();
        using var eps = Eps.ToScalar();
        using var one = 1.ToScalar();
        for (var i = 0; i < _parameters.Count; i++)
        {
            var (parameter, state) = (_parameters[i], _states[i]);
            var grad = parameter.grad;
            if (grad is null) continue;

            state.Step++;
            parameter.mul_(decay);
            var biasCorrection1 = 1 - Math.Pow(Beta1, state.Step);
            var biasCorrection2 = 1 - Math.Pow(Beta2, state.Step);
            state.ExpAvg.mul_(beta1).add_(grad, gradientShare);
            state.ExpAvgSq.mul_(beta2).addcmul_(grad, grad, squareShare);
            using var rootCorrection2 = Math.Sqrt(biasCorrection2).ToScalar();
            using var stepSize = (-(LearningRate / biasCorrection1)).ToScalar();
            var denominator = state.ExpAvgSq.sqrt().div(rootCorrection2).add_(eps, one);
            parameter.addcdiv_(state.ExpAvg, denominator, stepSize);
        }
    }

    /// <summary>Writes the state in TorchSharp's <c>save_state_dict</c> format (AdamW, one group, no amsgrad).</summary>
    public void Save(string path)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(FileTypeName);
        writer.Write7BitEncodedInt64(1); // parameter groups (TorchSharp's LEB128 is .NET's 7-bit encoding)
        writer.Write7BitEncodedInt64(_states.Length);
        writer.Write(_initialLearningRate);
        writer.Write(LearningRate);
        writer.Write(Beta1);
        writer.Write(Beta2);
        writer.Write(Eps);
        writer.Write(WeightDecay);
        writer.Write(false); // amsgrad
        writer.Write(false); // maximize
        foreach (var state in _states)
        {
            writer.Write(state.Step);
            state.ExpAvg.Save(writer);
            state.ExpAvgSq.Save(writer);
            writer.Write(false); // no max_exp_avg_sq
        }
    }

    /// <summary>
    /// Reads moments and step counts written by <see cref="Save"/> or by TorchSharp's AdamW over the same parameters.
    /// The hyperparameters stay this optimiser's own (the trainer sets them from the run's options), as before.
    /// </summary>
    public void Load(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var typeName = reader.ReadString();
        if (typeName != FileTypeName) throw new InvalidDataException($"{path}: optimizer state of '{typeName}', expected '{FileTypeName}'.");
        var (groups, states) = (reader.Read7BitEncodedInt64(), reader.Read7BitEncodedInt64());
        if (groups != 1 || states != _states.Length)
            throw new InvalidDataException($"{path}: {groups} parameter groups and {states} states, expected 1 and {_states.Length}.");
        reader.BaseStream.Seek(6 * sizeof(double) + 2 * sizeof(bool), SeekOrigin.Current); // the group's hyperparameters
        foreach (var state in _states)
        {
            state.Step = reader.ReadInt64();
            state.ExpAvg.Load(reader);
            state.ExpAvgSq.Load(reader);
            if (reader.ReadBoolean()) throw new InvalidDataException($"{path}: amsgrad state is not supported.");
        }
    }

    public void Dispose()
    {
        foreach (var state in _states)
        {
            state.ExpAvg.Dispose();
            state.ExpAvgSq.Dispose();
        }
    }

    private sealed class ParameterState(Tensor expAvg, Tensor expAvgSq)
    {
        public long Step { get; set; }

        public Tensor ExpAvg { get; } = expAvg;

        public Tensor ExpAvgSq { get; } = expAvgSq;
    }
}
