using Bunit;
using Forgetless.Web.Features.NewExperiment;

namespace Forgetless.Web.Tests.Features.NewExperiment;

public sealed class LoraFieldsTests : BunitTestContext
{
    public LoraFieldsTests() => BeInteractive();

    [Fact]
    public void The_settings_appear_once_LoRA_is_switched_on()
    {
        var form = new ExperimentForm();
        var fields = Render<LoraFields>(p => p.Add(c => c.Form, form));
        Assert.Empty(fields.FindAll("#lora-rank"));

        fields.Find("#lora-settings input").Change(true); // the switch: the only input while LoRA is off

        Assert.True(form.UseLora);
        Assert.NotEmpty(fields.FindAll("#lora-rank"));
        Assert.Equal(["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
            fields.FindAll("#lora-targets [data-module]").Select(e => e.GetAttribute("data-module")));
    }

    [Fact]
    public void A_rank_of_zero_shows_the_fields_message()
    {
        var form = new ExperimentForm { SftDatasetId = 1, PreferenceDatasetId = 2, UseLora = true, LoraRank = 0 };

        var fields = Render<LoraFields>(p => p.Add(c => c.Form, form).Add(c => c.Problems, form.Problems(200, 256)));

        var helpers = fields.FindAll(".mud-input-helper-text").Select(e => e.TextContent.Trim()).ToList();
        Assert.Single(helpers, h => h == "LoRA rank must be positive.");
        Assert.DoesNotContain(helpers, h => h.StartsWith("LoRA", StringComparison.Ordinal) && h != "LoRA rank must be positive.");
    }

    [Fact]
    public void Unticking_a_target_module_takes_it_out_of_the_request()
    {
        var form = new ExperimentForm { UseLora = true };
        var fields = Render<LoraFields>(p => p.Add(c => c.Form, form));

        var box = fields.Find("#lora-targets [data-module='v_proj']");
        (box.TagName == "INPUT" ? box : box.QuerySelector("input")!).Change(false);

        Assert.Equal(["q_proj"], form.ToRequest().Hyperparameters.Lora!.TargetModules);
    }
}
