using Forgetless.Web.Features.Runs;

namespace Forgetless.Web.Tests.Features.Runs;

public class RunSettingsTests
{
    // A run's stored plan as ExperimentCommands writes it (RunPlan, web JSON: the role as a number).
    private const string Plan = """
        {"role":1,"schedule":"sft_only","lambda":null,"sftDatasetId":3,"preferenceDatasetId":4,"model":"models/4c4eb142aa","referenceChoice":"sft_optimum",
         "hyperparameters":{"steps":30,"learningRate":0.003,"beta":0.1,"k":1,"maxLength":64,"template":"alpaca","lora":{"rank":8,"targetModules":["q_proj","v_proj"]}}}
        """;

    [Fact]
    public void A_plan_reads_as_words_with_datasets_and_the_model_by_name_and_linked()
    {
        var settings = RunSettings.From(Plan, new Dictionary<int, string> { [3] = "alpaca-1k", [4] = "hh-raw-200" }, "stories260K").ToDictionary(s => s.Label);

        Assert.Equal("SFT optimum (SFT only; gives f*_SFT)", settings["Role"].Value);
        Assert.Equal(new RunSetting("SFT data", "alpaca-1k", "/datasets"), settings["SFT data"]);
        Assert.Equal(new RunSetting("Preference data", "hh-raw-200", "/datasets"), settings["Preference data"]);
        Assert.Equal(new RunSetting("Model", "stories260K", "/models"), settings["Model"]);
        Assert.Equal("the SFT optimum's final model", settings["DPO reference"].Value);
        Assert.Equal("0.003", settings["Learning rate"].Value);
        Assert.Equal("64", settings["Max length (tokens)"].Value);
        Assert.Equal("q_proj, v_proj", settings["Lora target modules"].Value); // a setting this page has no label for still reads as words
        Assert.False(settings.ContainsKey("λ")); // no λ for an optimum run
        Assert.DoesNotContain(settings.Values, s => s.Label.Contains("Id", StringComparison.Ordinal) || s.Value.StartsWith("models/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_deleted_dataset_or_model_says_so_instead_of_linking_nowhere()
    {
        var settings = RunSettings.From(Plan, new Dictionary<int, string>(), null).ToDictionary(s => s.Label);

        Assert.Equal(new RunSetting("SFT data", "dataset 3 (deleted)"), settings["SFT data"]);
        Assert.Equal("models/4c4eb142aa", settings["Model"].Value);
    }
}
