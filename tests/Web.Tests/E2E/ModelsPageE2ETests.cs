using Microsoft.Playwright;

namespace Forgetless.Web.Tests.E2E;

[Trait("Category", "E2E")]
public class ModelsPageE2ETests
{
    [SkippableFact]
    public async Task A_user_imports_stories260K_and_picks_it_for_a_new_experiment()
    {
        Browser.SkipUnlessChromium();
        var (model, tokenizer) = (SharedData.File("models/stories260K/stories260K.bin"), SharedData.File("models/stories260K/tok512.bin"));
        await using var app = new KestrelAppFactory();
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.SignInAsync("admin", app.AdminPassword());

        // Import the llama2.c pair: it appears in the table with its parameter count.
        await browser.GoToAsync("/models");
        await page.SetInputFilesAsync("input.llama2c-model-input", model);
        await page.SetInputFilesAsync("input.llama2c-tokenizer-input", tokenizer);
        await page.ClickAsync("#import-llama2c");
        var row = page.Locator("#models-table tbody tr", new() { HasText = "stories260K" });
        await row.WaitForAsync(new() { Timeout = 180_000 }); // an import parses the checkpoint: slow on a loaded machine
        Assert.Contains("260K", await row.InnerTextAsync());
        await browser.ScreenshotAsync("models");

        // Something that is not a zip is refused with a clear message, and the table keeps its three rows.
        var bad = Path.Combine(app.DataDirectory, "not-a-model.zip");
        await File.WriteAllTextAsync(bad, "hello");
        await page.SetInputFilesAsync("input.hf-zip-input", bad);
        var rejected = page.Locator("#model-rejected");
        await rejected.WaitForAsync();
        Assert.Contains("not a zip archive", await rejected.InnerTextAsync());
        Assert.Equal(3, await page.Locator("#models-table tbody tr").CountAsync());
        await browser.ScreenshotAsync("models-rejected");

        // The New experiment page offers it.
        await browser.GoToAsync("/experiments/new");
        await page.Locator("#model-picker").Locator("..").ClickAsync();
        var option = page.Locator(".mud-list-item", new() { HasText = "stories260K · 260K params" });
        await option.WaitForAsync();
        await browser.ScreenshotAsync("new-experiment-model-picker");
        await option.ClickAsync();
        await Assertions.Expect(page.Locator("#model-picker")).ToHaveValueAsync("stories260K · 260K params"); // waits for the round trip
        Assert.Empty(browser.ConsoleErrors);
    }
}
