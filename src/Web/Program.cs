using Forgetless.Web;
using Forgetless.Web.Components;
using MudBlazor.Services;

if (await CommandLine.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

// Content root = the app's folder, so appsettings.json is found whatever directory ./forgetless runs from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = CommandLine.ServeArguments(args),
    ContentRootPath = AppContext.BaseDirectory,
});
builder.WebHost.UseStaticWebAssets(); // the built (not published) dll runs as Production: serve _content/ from the NuGet cache
builder.AddForgetlessService();
builder.Services.AddForgetlessAuth();
builder.Services.AddForgetlessApi();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices(mud => mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight); // top-right hid page actions

var app = builder.Build();
app.UseForgetlessAuth();
app.UseAntiforgery();
app.MapStaticAssets().AllowAnonymous();
app.MapForgetlessApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
try
{
    await app.RunAsync();
}
catch (Exception e) when (Forgetless.Web.Service.Training.DeviceUnavailableException.In(e, out var unavailable))
{
    await Console.Error.WriteLineAsync($"forgetless serve: {unavailable.Message}");
    return 2;
}

return 0;
