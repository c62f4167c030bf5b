using Forgetless.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Forgetless.Training.Tests.Model;

public class RotaryEmbeddingTests
{
    private static readonly LlamaConfig HeadDimFour = new()
    {
        VocabSize = 10, HiddenSize = 4, IntermediateSize = 8, NumHiddenLayers = 1, NumAttentionHeads = 1,
        MaxPositionEmbeddings = 4,
    };

    [Fact]
    public void Rotates_the_first_half_into_the_second_by_position_times_frequency()
    {
        // head_dim 4, theta 10000: inv_freq = [1, 10000^-0.5] = [1, 0.01]; at position 1 the angles are [1, 0.01, 1, 0.01].
        // x = [1, 0, 0, 0]: rotate_half(x) = [-x2, x1] = [0, 0, 1, 0], so x·cos + rotate_half(x)·sin = [cos 1, 0, sin 1, 0].
        using var rotary = new RotaryEmbedding(HeadDimFour);
        var (cos, sin) = rotary.Slice(offset: 1, length: 1);
        var x = tensor(new float[] { 1, 0, 0, 0 }).view(1, 1, 1, 4);

        var rotated = LlamaAttention.ApplyRotary(x, cos, sin).view(4).data<float>().ToArray();

        Assert.Equal([MathF.Cos(1), 0, MathF.Sin(1), 0], rotated, new ToleranceComparer(1e-6f));
        Assert.Equal([MathF.Cos(1), MathF.Cos(0.01f), MathF.Cos(1), MathF.Cos(0.01f)], cos.view(4).data<float>().ToArray(), new ToleranceComparer(1e-6f));
    }

    [Fact]
    public void Tables_are_not_checkpoint_keys()
    {
        using var model = new LlamaForCausalLM(HeadDimFour);

        Assert.DoesNotContain(model.state_dict().Keys, key => key.Contains("rotary", StringComparison.Ordinal));
    }

    [Fact]
    public void Tables_follow_the_module_to_another_device()
    {
        // TorchSharp moves only persistent buffers by itself; the meta device shows the tables move too.
        using var rotary = new RotaryEmbedding(HeadDimFour);

        rotary.to(new Device(DeviceType.META));

        Assert.Equal(DeviceType.META, rotary.Device.type);
        Assert.Equal(DeviceType.META, rotary.Slice(0, 2).Sin.device_type);
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => MathF.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
