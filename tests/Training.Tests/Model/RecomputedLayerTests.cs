using Forgetless.Training.Losses;
using Forgetless.Training.Model;
using static TorchSharp.torch;

namespace Forgetless.Training.Tests.Model;

public class RecomputedLayerTests
{
    [Fact]
    public void Recomputing_activations_gives_the_same_loss_and_gradients_as_keeping_them()
    {
        using var model = SeededTinyModel();
        using var ids = randint(0, 300, [3, 24], ScalarType.Int64, generator: new Generator(7));

        var (kept, keptGrads) = LossAndGradients(model, ids, recompute: false);
        var (recomputed, recomputedGrads) = LossAndGradients(model, ids, recompute: true);

        Assert.Equal(kept, recomputed, 6);
        Assert.Equal(keptGrads.Keys, recomputedGrads.Keys);
        foreach (var (name, grad) in keptGrads)
        {
            using var difference = (grad - recomputedGrads[name]).abs().max();
            Assert.True(difference.item<float>() <= 1e-6f, $"{name}: gradients differ by {difference.item<float>()}");
            Assert.True(grad.abs().max().item<float>() > 0, $"{name}: no gradient at all");
        }
    }

    [Fact]
    public void Layers_after_a_frozen_embedding_are_recomputed_and_still_get_gradients()
    {
        using var model = SeededTinyModel();
        using var ids = randint(0, 300, [2, 16], ScalarType.Int64, generator: new Generator(3));
        model.Model.EmbedTokens.weight!.requires_grad_(false); // as under LoRA: the first layer's input needs no grad

        var (kept, keptGrads) = LossAndGradients(model, ids, recompute: false);
        var (recomputed, recomputedGrads) = LossAndGradients(model, ids, recompute: true);

        Assert.Equal(kept, recomputed, 6);
        Assert.DoesNotContain(keptGrads.Keys, name => name.Contains("embed_tokens"));
        foreach (var (name, grad) in keptGrads)
        {
            using var difference = (grad - recomputedGrads[name]).abs().max();
            Assert.True(difference.item<float>() <= 1e-6f, $"{name}: gradients differ by {difference.item<float>()}");
        }
    }

    [Fact]
    public void Forwards_without_grad_ignore_the_setting_and_give_the_same_logits()
    {
        using var model = SeededTinyModel();
        using var ids = randint(0, 300, [2, 16], ScalarType.Int64, generator: new Generator(5));
        using var noGrad = no_grad();

        using var plain = model.forward(ids);
        model.Model.RecomputeActivations = true;
        using var recomputed = model.forward(ids);

        Assert.True(plain.allclose(recomputed, rtol: 0, atol: 0));
    }

    private static LlamaForCausalLM SeededTinyModel()
    {
        manual_seed(11);
        var model = new LlamaForCausalLM(LlamaPresets.Tiny(vocabSize: 300) with { NumHiddenLayers = 3 });
        model.train();
        return model;
    }

    private static (float Loss, Dictionary<string, Tensor> Gradients) LossAndGradients(LlamaForCausalLM model, Tensor ids, bool recompute)
    {
        model.Model.RecomputeActivations = recompute;
        model.zero_grad();
        float loss;
        using (var scope = NewDisposeScope())
        {
            var result = SftLoss.Compute(model.forward(ids), ids);
            result.Loss.backward();
            loss = result.Loss.item<float>();
        }

        var gradients = model.named_parameters()
            .Where(p => p.parameter.grad is not null)
            .ToDictionary(p => p.name, p => p.parameter.grad!.clone());
        return (loss, gradients);
    }
}
