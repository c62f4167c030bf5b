using Forgetless.Training.Running.Experiments;
using Forgetless.Training.Running.Reference;
using static TorchSharp.torch;

namespace Forgetless.Training.Tests.Running.Reference;

public class ReferenceLogProbCacheTests
{
    [Fact]
    public void A_hit_returns_identical_values_without_computing_and_a_new_key_misses()
    {
        using var setup = new TinyExperiment();
        var cache = new ReferenceLogProbCache(Path.Combine(setup.Directory, "cache"));
        var computations = 0;
        ReferenceLogProbs Compute()
        {
            computations++;
            return new ReferenceLogProbs([-1.5f, -2.25f], [-3f, -4.125f]);
        }

        var first = cache.GetOrCompute("key-a-" + Guid.NewGuid(), Compute);
        var key = "key-b-" + Guid.NewGuid();
        var computed = cache.GetOrCompute(key, Compute);
        ReferenceLogProbCache.ClearMemory();
        var fromDisk = cache.GetOrCompute(key, Compute);

        Assert.Equal(2, computations);
        Assert.Equal(computed.Chosen, fromDisk.Chosen);
        Assert.Equal(computed.Rejected, fromDisk.Rejected);
        Assert.Equal(first.Chosen, fromDisk.Chosen);
    }

    [Fact]
    public void Cached_log_probs_equal_a_fresh_forward_pass_of_the_reference()
    {
        using var setup = new TinyExperiment();
        using var model = setup.Model(5);

        var viaCache = RunExecutor.ReferenceLogProbsFor(model, setup.Data, setup.Directory, setup.Spec.MaxLength);
        ReferenceLogProbCache.ClearMemory();
        var again = RunExecutor.ReferenceLogProbsFor(model, setup.Data, setup.Directory, setup.Spec.MaxLength);

        Assert.Equal(setup.Data.PreferenceTrain.Count + setup.Data.PreferenceHeldOut.Count, viaCache.Count);
        Assert.Equal(viaCache.Chosen, again.Chosen);
        Assert.All(viaCache.Chosen.Concat(viaCache.Rejected), v => Assert.True(v < 0 && float.IsFinite(v)));
    }

    [Fact]
    public void The_key_changes_with_weights_dataset_tokenizer_template_and_length()
    {
        using var setup = new TinyExperiment();
        using var model = setup.Model(1);
        using var other = setup.Model(2);
        var weights = ReferenceCacheKey.HashWeights(model);
        var dataset = ReferenceCacheKey.HashDataset(setup.Data.Preferences);
        var key = ReferenceCacheKey.Compute(weights, dataset, "tok", "alpaca", 64);

        Assert.Equal(weights, ReferenceCacheKey.HashWeights(model));
        Assert.NotEqual(weights, ReferenceCacheKey.HashWeights(other));
        Assert.NotEqual(dataset, ReferenceCacheKey.HashDataset(setup.Data.Preferences.Skip(1).ToList()));
        Assert.NotEqual(key, ReferenceCacheKey.Compute(ReferenceCacheKey.HashWeights(other), dataset, "tok", "alpaca", 64));
        Assert.NotEqual(key, ReferenceCacheKey.Compute(weights, dataset, "tok2", "alpaca", 64));
        Assert.NotEqual(key, ReferenceCacheKey.Compute(weights, dataset, "tok", "chatml", 64));
        Assert.NotEqual(key, ReferenceCacheKey.Compute(weights, dataset, "tok", "alpaca", 65));
        using (no_grad())
        {
            model.parameters().First().add_(1e-3f);
        }

        Assert.NotEqual(weights, ReferenceCacheKey.HashWeights(model));
    }
}
