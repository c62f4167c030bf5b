using Bunit;
using Forgetless.Web.Features.Datasets;
using Forgetless.Web.Service.Datasets;
using Entities = Forgetless.Data.Entities;

namespace Forgetless.Web.Tests.Features.Datasets;

/// <summary>The datasets table: a row opens its preview by mouse, and its name is a button the keyboard reaches for the same.</summary>
public sealed class DatasetsTableTests : BunitTestContext
{
    private static readonly DatasetSummary Chat = new(
        7, "chat", Entities.DatasetKind.Sft, "openai-messages", 1, 100, 100, 100, 1000, "abc", "admin", DateTime.UtcNow);

    public DatasetsTableTests() => BeInteractive();

    [Fact]
    public void The_name_is_a_button_that_selects_its_dataset_once()
    {
        var selected = new List<int>();
        var table = Render<DatasetsTable>(p => p.Add(c => c.Datasets, [Chat]).Add(c => c.OnSelect, (DatasetSummary d) => selected.Add(d.Id)));
        var name = table.Find("#datasets-table tbody .fl-row-action");
        Assert.Equal("BUTTON", name.TagName);
        Assert.Equal("false", name.GetAttribute("aria-pressed"));

        name.Click();

        Assert.Equal([7], selected);
    }

    [Fact]
    public void The_selected_dataset_s_button_says_it_is_pressed()
    {
        var table = Render<DatasetsTable>(p => p.Add(c => c.Datasets, [Chat]).Add(c => c.Selected, Chat));

        Assert.Equal("true", table.Find(".fl-row-action").GetAttribute("aria-pressed"));
    }
}
