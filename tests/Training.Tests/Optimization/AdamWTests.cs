using Forgetless.Training.Optimization;
using TorchSharp;
using Parameter = TorchSharp.Modules.Parameter;
using static TorchSharp.torch;

namespace Forgetless.Training.Tests.Optimization;

public class AdamWTests
{
    // The trainer's settings: one group, betas (0.9, 0.95), decoupled weight decay, a learning rate set before every step.
    private const double Beta1 = 0.9, Beta2 = 0.95, WeightDecay = 0.1;
    private static readonly double[] LearningRates = [1e-3, 3e-3, 3e-3, 2e-3, 1e-3, 5e-4];

    [Fact]
    public void Matches_torchs_AdamW_over_several_steps_with_weight_decay_and_a_changing_learning_rate()
    {
        using var ours = new Rig(seed: 1);
        using var reference = new Rig(seed: 1);
        using var optimizer = new AdamW(ours.Parameters, LearningRates[0], Beta1, Beta2, WeightDecay);
        using var torchAdamW = optim.AdamW(reference.Parameters, LearningRates[0], Beta1, Beta2, weight_decay: WeightDecay);
        using var initial = ours.Parameters[0].detach().clone();

        for (var step = 0; step < LearningRates.Length; step++)
        {
            optimizer.LearningRate = LearningRates[step];
            foreach (var group in torchAdamW.ParamGroups) group.LearningRate = LearningRates[step];
            optimizer.ZeroGrad();
            torchAdamW.zero_grad();
            ours.Backward(step);
            reference.Backward(step);
            optimizer.Step();
            torchAdamW.step();
        }

        Assert.All(ours.Parameters.Zip(reference.Parameters), pair =>
            Assert.True(pair.First.allclose(pair.Second, rtol: 0, atol: 1e-6), $"max |Δ| = {(pair.First - pair.Second).abs().max().item<float>()}"));
        Assert.False(ours.Parameters[0].allclose(initial), "the parameters moved");
    }

    [Fact]
    public void A_parameter_without_a_gradient_is_left_alone()
    {
        using var rig = new Rig(seed: 2);
        using var before = rig.Frozen.detach().clone();
        using var optimizer = new AdamW([.. rig.Parameters, rig.Frozen], 1e-2, Beta1, Beta2, WeightDecay);

        rig.Backward(0);
        optimizer.Step();

        Assert.True(rig.Frozen.equal(before).all().item<bool>());
    }

    [Fact]
    public void Saves_the_same_state_file_as_torchs_AdamW()
    {
        using var ours = new Rig(seed: 3);
        using var reference = new Rig(seed: 3);
        using var optimizer = new AdamW(ours.Parameters, 1e-3, Beta1, Beta2, WeightDecay);
        using var torchAdamW = optim.AdamW(reference.Parameters, 1e-3, Beta1, Beta2, weight_decay: WeightDecay);
        for (var step = 0; step < 3; step++)
        {
            ours.Backward(step);
            reference.Backward(step);
            optimizer.Step();
            torchAdamW.step();
        }

        var directory = Directory.CreateTempSubdirectory("forgetless-adamw-").FullName;
        try
        {
            optimizer.Save(Path.Combine(directory, "ours.bin"));
            torchAdamW.save_state_dict(Path.Combine(directory, "torch.bin"));

            Assert.Equal(File.ReadAllBytes(Path.Combine(directory, "torch.bin")), File.ReadAllBytes(Path.Combine(directory, "ours.bin")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Continues_from_a_state_file_torchs_AdamW_wrote_exactly_as_torch_would()
    {
        using var ours = new Rig(seed: 4);
        using var reference = new Rig(seed: 4);
        using var torchAdamW = optim.AdamW(reference.Parameters, 2e-3, Beta1, Beta2, weight_decay: WeightDecay);
        for (var step = 0; step < 3; step++)
        {
            reference.Backward(step);
            torchAdamW.step();
        }

        var path = Path.GetTempFileName();
        try
        {
            torchAdamW.save_state_dict(path);
            ours.CopyFrom(reference);
            using var resumed = new AdamW(ours.Parameters, 2e-3, Beta1, Beta2, WeightDecay);
            resumed.Load(path);
            for (var step = 3; step < 6; step++)
            {
                resumed.ZeroGrad();
                torchAdamW.zero_grad();
                ours.Backward(step);
                reference.Backward(step);
                resumed.Step();
                torchAdamW.step();
            }
        }
        finally
        {
            File.Delete(path);
        }

        Assert.All(ours.Parameters.Zip(reference.Parameters), pair => Assert.True(pair.First.equal(pair.Second).all().item<bool>()));
    }

    [Fact]
    public void Loading_another_optimizers_state_names_the_mismatch()
    {
        using var rig = new Rig(seed: 5);
        using var sgd = optim.SGD(rig.Parameters, 0.1);
        var path = Path.GetTempFileName();
        try
        {
            sgd.save_state_dict(path);
            using var optimizer = new AdamW(rig.Parameters, 1e-3, Beta1, Beta2, WeightDecay);

            var error = Assert.Throws<InvalidDataException>(() => optimizer.Load(path));

            Assert.Contains("'SGD', expected 'AdamW'", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Three parameters (a matrix, a vector, a scalar-like one) and a loss whose gradients differ every step.</summary>
    private sealed class Rig : IDisposable
    {
        public Rig(int seed)
        {
            var generator = new Generator((ulong)seed);
            Parameters =
            [
                new Parameter(randn([6, 5], generator: generator)),
                new Parameter(randn([5], generator: generator)),
                new Parameter(randn([1], generator: generator)),
            ];
            Frozen = new Parameter(randn([3], generator: generator));
            generator.Dispose();
        }

        public List<Parameter> Parameters { get; }

        public Parameter Frozen { get; }

        public void Backward(int step)
        {
            using var scope = NewDisposeScope();
            using var generator = new Generator((ulong)(100 + step));
            var input = randn([4, 6], generator: generator);
            var target = randn([4, 5], generator: generator);
            var output = input.matmul(Parameters[0]) + Parameters[1] * Parameters[2];
            (output - target).pow(2).mean().backward();
        }

        public void CopyFrom(Rig other)
        {
            using var noGrad = no_grad();
            foreach (var (mine, theirs) in Parameters.Zip(other.Parameters)) mine.copy_(theirs);
        }

        public void Dispose()
        {
            foreach (var parameter in Parameters) parameter.Dispose();
            Frozen.Dispose();
        }
    }
}
