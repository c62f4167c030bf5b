using Forgetless.Training.Running.Experiments;

namespace Forgetless.Training.Tests.Running.Experiments;

public class ExperimentSpecTests
{
    [Fact]
    public void Reads_snake_case_and_expands_optimum_runs_first_then_each_schedule_and_lambda()
    {
        var spec = ExperimentSpec.Parse("""
            { "sft_dataset": "a.jsonl", "preference_dataset": "b.jsonl", "sft_batch_size": 3, "learning_rate": 0.01,
              "schedules": [ { "kind": "alright", "lambdas": [0.25, 0.75] }, { "kind": "maxright", "lambdas": [0.5], "k": 4 } ] }
            """);

        var runs = RunSpec.Expand(spec);

        Assert.Equal(3, spec.SftBatchSize);
        Assert.Equal(0.01, spec.LearningRate);
        Assert.Equal(["sft_only", "dpo_only", "alright-0.25", "alright-0.75", "maxright-0.5"], runs.Select(r => r.Id));
        Assert.Equal(4, runs[^1].K);
    }

    [Fact]
    public void Seeds_default_to_the_single_seed_and_a_list_replaces_it()
    {
        Assert.Equal([4], ExperimentSpec.Parse("""{ "sft_dataset": "a", "preference_dataset": "b", "seed": 4 }""").RunSeeds);
        Assert.Equal([1, 2, 3], ExperimentSpec.Parse("""{ "sft_dataset": "a", "preference_dataset": "b", "seeds": [1, 2, 3] }""").RunSeeds);
    }

    [Fact]
    public void Maxright_defaults_to_k_1_and_the_pref_sft_reference_adds_its_reference_run_before_the_optimum_runs()
    {
        var spec = ExperimentSpec.Parse("""
            { "sft_dataset": "a", "preference_dataset": "b", "reference": "pref_sft", "schedules": [ { "kind": "maxright" } ] }
            """);

        Assert.Equal(1, RunSpec.Expand(spec)[^1].K);
        Assert.Equal(new RunSpec(RunSpec.PrefSft), RunSpec.ReferenceRun(spec));
        Assert.Null(RunSpec.ReferenceRun(spec with { Reference = ExperimentSpec.SftOptimumReference }));
        Assert.Equal(0, new RunSpec(RunSpec.SftOnly).SftStageStart(200));
        Assert.Equal(100, new RunSpec(RunSpec.SequentialDpoSft, 0.5).SftStageStart(200));
        Assert.Equal(200, new RunSpec(RunSpec.Alright, 0.5).SftStageStart(200));
    }

    [Theory]
    [InlineData("""{ "sft_dataset": "a", "preference_dataset": "b", "steps": 0 }""", "'steps'")]
    [InlineData("""{ "sft_dataset": "a", "preference_dataset": "b", "schedules": [ { "kind": "magic" } ] }""", "'schedules[0].kind'")]
    [InlineData("""{ "sft_dataset": "a", "preference_dataset": "b", "schedules": [ { "kind": "mix", "lambdas": [1.5] } ] }""", "'schedules[0].lambdas'")]
    [InlineData("""{ "sft_dataset": "a", "preference_dataset": "b", "held_out_fraction": 1 }""", "'held_out_fraction'")]
    [InlineData("""{ "sft_dataset": "a", "preference_dataset": "b", "seeds": [] }""", "'seeds'")]
    [InlineData("""{ "sft_dataset": "a", "preference_dataset": "b", "seeds": [1, 1] }""", "'seeds'")]
    [InlineData("""{ "sft_dataset": "a", "preference_dataset": "b", "lora": { "rank": 0 } }""", "'lora.rank'")]
    [InlineData("""{ "sft_dataset": "a", "preference_dataset": "b", "lora": { "alpha": -1 } }""", "'lora.alpha'")]
    [InlineData("""{ "sft_dataset": "a", "preference_dataset": "b", "lora": { "dropout": 1 } }""", "'lora.dropout'")]
    [InlineData("""{ "sft_dataset": "a", "preference_dataset": "b", "lora": { "target_modules": [] } }""", "'lora.target_modules'")]
    [InlineData("""{ "sft_dataset": "a", "preference_dataset": "b", "recompute_activations": true, "lora": { "dropout": 0.1 } }""", "'recompute_activations'")]
    [InlineData("""{ "sft_dataset": "a", "preference_dataset": "b", "lora": { "target_modules": ["q_proj", "qproj"] } }""", "'lora.target_modules[1]'")]
    public void Bad_values_are_rejected_naming_the_field(string json, string field)
    {
        var error = Assert.Throws<ArgumentException>(() => ExperimentSpec.Parse(json));

        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void A_lora_object_reads_snake_case_and_its_absence_means_full_fine_tuning()
    {
        var spec = ExperimentSpec.Parse("""
            { "sft_dataset": "a", "preference_dataset": "b",
              "lora": { "rank": 4, "alpha": 32, "dropout": 0.05, "target_modules": ["q_proj", "down_proj"] } }
            """);
        var plain = ExperimentSpec.Parse("""{ "sft_dataset": "a", "preference_dataset": "b" }""");

        var config = spec.Lora!.ToConfig();

        Assert.Equal((4, 32.0, 0.05), (config.Rank, config.Alpha, config.Dropout));
        Assert.Equal(["q_proj", "down_proj"], config.TargetModules);
        Assert.Equal(8.0, config.Scaling);
        Assert.Null(plain.Lora);
        var roundTrip = ExperimentSpec.Parse(spec.ToJson()).Lora!;
        Assert.Equal((4, 32.0, 0.05), (roundTrip.Rank, roundTrip.Alpha, roundTrip.Dropout));
        Assert.Equal(spec.Lora.TargetModules, roundTrip.TargetModules);
    }

    [Theory]
    [InlineData("sequential_sft_dpo", 0.25, null, 75L, 75L)]
    [InlineData("sequential_dpo_sft", 0.25, null, 25L, 100L)]
    [InlineData("sequential_sft_dpo", 0.5, 0.8, 80L, 80L)]
    public void Sequential_split_follows_lambda_unless_a_split_is_given(string kind, double lambda, double? split, long firstStage, long dpoStart)
    {
        var run = new RunSpec(kind, lambda, Split: split);

        Assert.Equal(firstStage, run.FirstStageSteps(100));
        Assert.Equal(dpoStart, run.DpoStageStart(100));
    }
}
