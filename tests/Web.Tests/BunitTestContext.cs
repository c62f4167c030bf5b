using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Forgetless.Web.Tests;

/// <summary>
/// bUnit with MudBlazor: loose JS interop (MudBlazor and Plotly call JS), an interactive renderer, and async
/// disposal, which MudBlazor's services require (stack.md pitfalls 6 and 7).
/// </summary>
public abstract class BunitTestContext : BunitContext, IAsyncLifetime
{
    // bUnit's WaitFor* default is 1 s; a loaded 2-core machine needs longer to render what a test waits for.
    static BunitTestContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(90);

    protected BunitTestContext()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>Call after the last Services.Add*: it builds the provider.</summary>
    protected void BeInteractive() => SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}
