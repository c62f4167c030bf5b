using Forgetless.Web.Features.NewExperiment;
using Forgetless.Web.Service.Experiments;

namespace Forgetless.Web.Tests.Features.NewExperiment;

public class ExperimentFormTests
{
    private static ExperimentForm Form() => new() { SftDatasetId = 1, PreferenceDatasetId = 2 };

    [Fact]
    public void A_default_form_with_both_datasets_has_no_problems()
    {
        Assert.Empty(Form().Problems(maxRuns: 200, modelPositions: 256));
    }

    [Fact]
    public void Zero_steps_is_a_problem_on_the_steps_field_and_is_sent_as_zero_not_one()
    {
        var form = Form();
        form.Steps = 0;

        Assert.Equal(["Steps must be between 1 and 1,000,000."], form.Problems(200, 256)["hyperparameters.steps"]);
        Assert.Equal(0, form.ToRequest().Hyperparameters.Steps);
    }

    [Fact]
    public void Missing_datasets_a_bad_lambda_and_a_length_the_model_cannot_take_each_name_their_field()
    {
        var form = new ExperimentForm { Lambdas = "0.5, two", MaxLength = 300 };

        var problems = form.Problems(200, modelPositions: 256);

        Assert.Equal(["“two” is not a λ in [0, 1]."], problems["lambdas"]);
        Assert.Contains("SFT dataset", problems["sftDatasetId"][0]);
        Assert.Contains("preference dataset", problems["preferenceDatasetId"][0]);
        Assert.Equal(["This model takes at most 256 tokens."], problems["hyperparameters.maxLength"]);
    }

    [Fact]
    public void The_run_count_is_the_run_plans_count()
    {
        // 3 seeds × (SFT-only + DPO-only + 2 schedules × 3 λ) = 24.
        var form = Form();
        form.Schedules = [ScheduleNames.Alright, ScheduleNames.Maxright];
        form.Lambdas = "0.25, 0.5, 0.75";

        Assert.Equal(24, form.RunCount());
        Assert.Equal(RunPlans.Count(form.ToRequest()), form.RunCount());
    }

    [Fact]
    public void LoRA_settings_go_into_the_request_only_when_switched_on()
    {
        var form = Form();
        Assert.Null(form.ToRequest().Hyperparameters.Lora);

        form.UseLora = true;
        form.LoraRank = 4;
        form.LoraTargets = ["v_proj", "q_proj", "down_proj"];
        var lora = form.ToRequest().Hyperparameters.Lora!;

        Assert.Equal(4, lora.Rank);
        Assert.Equal(["q_proj", "v_proj", "down_proj"], lora.TargetModules); // in the model's layer order
    }

    [Fact]
    public void A_bad_LoRA_rank_and_no_target_module_are_problems()
    {
        var form = Form();
        (form.UseLora, form.LoraRank, form.LoraTargets) = (true, 0, []);

        var problems = form.Problems(200, 256);

        Assert.Equal(["LoRA rank must be positive."], problems["hyperparameters.lora.rank"]);
        Assert.True(problems.ContainsKey("hyperparameters.lora.targetModules"));
    }
}
