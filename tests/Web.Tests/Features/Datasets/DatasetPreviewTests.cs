using Bunit;
using Forgetless.Training.Datasets;
using Forgetless.Web.Features.Datasets;
using Forgetless.Web.Service.Datasets;
using Entities = Forgetless.Data.Entities;

namespace Forgetless.Web.Tests.Features.Datasets;

/// <summary>The dataset preview: prompts as turns, clipped cells that open, and the text the model reads under the chosen template.</summary>
public sealed class DatasetPreviewTests : BunitTestContext
{
    private static readonly DatasetSummary Dataset = new(
        1, "chat", Entities.DatasetKind.Sft, "openai-messages", 1, 100, 100, 100, 1000, "abc", "admin", DateTime.UtcNow);

    public DatasetPreviewTests() => BeInteractive();

    private static PreviewRow Row(string template, string rendered) => new(
        1, rendered, 42, "Sure: blue.", 4, null, null, null, null, template,
        [new ChatTurn("user", "Name a colour."), new ChatTurn("assistant", "Red."), new ChatTurn("user", "Another one?")]);

    [Fact]
    public void A_multi_turn_prompt_shows_each_turn_with_its_speaker()
    {
        var preview = Render<DatasetPreview>(p => p.Add(c => c.Dataset, Dataset).Add(c => c.Rows, [Row("alpaca", "### Instruction:\nName a colour.")]));

        var turns = preview.FindAll(".preview-turn");
        Assert.Equal(["user", "assistant", "user"], turns.Select(t => t.GetAttribute("data-role")));
        Assert.Contains("Assistant", turns[1].TextContent);
        Assert.Contains("Red.", turns[1].TextContent);
        Assert.Contains("3 turns · 42 tokens with alpaca", preview.Find(".preview-row").TextContent);
    }

    [Fact]
    public void Opening_a_prompt_shows_it_whole_and_as_the_template_renders_it()
    {
        var preview = Render<DatasetPreview>(p => p.Add(c => c.Dataset, Dataset).Add(c => c.Rows, [Row("alpaca", "### Instruction:\nName a colour.")]));
        Assert.Empty(preview.FindAll(".rendered-prompt"));
        Assert.Contains("max-height", preview.Find(".preview-turns").GetAttribute("style"));

        preview.Find(".preview-row .expand-cell").Click();

        Assert.Equal("### Instruction:\nName a colour.", preview.Find(".rendered-prompt").TextContent);
        Assert.Contains("alpaca template", preview.Find(".preview-row").TextContent);
        Assert.DoesNotContain("max-height", preview.Find(".preview-turns").GetAttribute("style") ?? "");
    }

    [Fact]
    public async Task The_caption_names_the_template_and_picking_another_asks_for_it()
    {
        string? asked = null;
        var preview = Render<DatasetPreview>(p => p
            .Add(c => c.Dataset, Dataset).Add(c => c.Rows, [Row("alpaca", "x")]).Add(c => c.Template, "alpaca")
            .Add(c => c.TemplateChanged, (string t) => asked = t));

        Assert.Contains("prompts rendered with the alpaca template, as training renders them", preview.Find("#dataset-preview").TextContent);

        var select = preview.FindComponent<MudBlazor.MudSelect<string>>();
        await preview.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("chatml"));

        Assert.Equal("chatml", asked);
    }

    [Fact]
    public void The_show_all_control_is_a_button_the_keyboard_reaches_and_it_says_whether_it_is_open()
    {
        var preview = Render<DatasetPreview>(p => p.Add(c => c.Dataset, Dataset).Add(c => c.Rows, [Row("alpaca", "x")]));
        var toggle = preview.Find(".preview-row .expand-cell");
        Assert.Equal("BUTTON", toggle.TagName);
        Assert.Equal("false", toggle.GetAttribute("aria-expanded"));

        toggle.Click();

        Assert.Equal("true", preview.Find(".preview-row .expand-cell").GetAttribute("aria-expanded"));
    }
}
