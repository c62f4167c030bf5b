using Bunit;
using Forgetless.Data;
using Forgetless.Data.Entities;
using Forgetless.Web.Features.Models;
using Forgetless.Web.Service;
using Forgetless.Web.Service.Models;
using Forgetless.Web.Service.Storage;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Forgetless.Web.Tests.Features.Models;

/// <summary>The New experiment page's model picker, reading a real library on a real SQLite file.</summary>
public sealed class ModelPickerTests : BunitTestContext, IDisposable
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "forgetless-picker-tests", Guid.NewGuid().ToString("n"));
    private readonly ModelLibrary library;

    public ModelPickerTests()
    {
        var dataDirectory = new DataDirectory(dataDir);
        Services.AddSingleton(dataDirectory);
        Services.AddData(StoreConnection.ForFile(dataDirectory.DatabasePath));
        Services.AddSingleton(Options.Create(new ForgetlessOptions()));
        Services.AddSingleton<ModelLibrary>();
        BeInteractive();
        var factory = Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        DatabaseInitializer.MigrateAsync(factory).GetAwaiter().GetResult();
        library = Services.GetRequiredService<ModelLibrary>();
        library.EnsurePresetsAsync().GetAwaiter().GetResult();
        // An imported model's row as the import writes it (the import itself is tested through the API).
        using var db = factory.CreateDbContext();
        db.Models.Add(new Model
        {
            Name = "stories260K", Kind = ModelKind.Llama2cImport, Architecture = "LlamaForCausalLM", ParameterCount = 260_032, VocabSize = 512,
            StoredFolder = "models/ab12", ContentHash = "ab12", UploadedBy = "admin", UploadedAt = DateTime.UtcNow,
        });
        db.SaveChanges();
    }

    [Fact]
    public void The_picker_lists_the_presets_and_the_imported_model_with_parameter_counts()
    {
        var page = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<ModelPicker>(1);
            builder.CloseComponent();
        });

        page.Find("#model-picker").ParentElement!.MouseDown();

        var items = page.WaitForElements(".mud-list-item [data-model-id]").Select(i => i.TextContent.Trim()).ToList();
        Assert.Equal(["Demo (tiny) · 91K params + vocab", "bench17m · 10.6M params + vocab", "stories260K · 260K params"], items);
        Assert.Contains("llama2.c import · LlamaForCausalLM", page.FindAll(".mud-list-item")[2].TextContent);
    }

    [Fact]
    public void Choosing_the_imported_model_gives_its_folder_to_the_form_and_shows_its_name()
    {
        string? chosen = null;
        var page = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<ModelPicker>(1);
            builder.AddComponentParameter(2, nameof(ModelPicker.ValueChanged), EventCallback.Factory.Create<string>(this, v => chosen = v));
            builder.CloseComponent();
        });

        page.Find("#model-picker").ParentElement!.MouseDown();
        page.WaitForElements(".mud-list-item").Single(i => i.TextContent.Contains("stories260K")).Click();

        Assert.Equal("models/ab12", chosen);
        var shown = Render<ModelPicker>(p => p.Add(c => c.Value, chosen!));
        Assert.Equal("stories260K · 260K params", shown.Find("input").GetAttribute("value"));
    }

    void IDisposable.Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(dataDir, recursive: true);
    }
}
