using System.Net;
using Microsoft.AspNetCore.Antiforgery;

namespace Forgetless.Web.Auth;

/// <summary>The minimal sign-in page: static HTML, so it works before any Blazor circuit exists.</summary>
internal static class LoginForm
{
    public static string Render(AntiforgeryTokenSet tokens, string returnUrl, bool failed) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Sign in · Forgetless</title>
        <meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
        <style>
          body { font-family: system-ui, sans-serif; background: #f5f5f7; display: grid; place-items: center; min-height: 100vh; margin: 0; }
          form { background: #fff; padding: 2rem 2.5rem; border-radius: 12px; box-shadow: 0 2px 12px #0002; display: grid; gap: .8rem; width: 18rem; }
          h1 { margin: 0 0 .5rem; font-size: 1.4rem; color: #594ae2; } input { padding: .55rem; border: 1px solid #ccc; border-radius: 6px; font-size: 1rem; }
          button { padding: .6rem; background: #594ae2; color: #fff; border: 0; border-radius: 6px; font-size: 1rem; cursor: pointer; }
          .error { color: #c62828; margin: 0; }
        </style></head>
        <body><form method="post" action="{{SignInEndpoints.LoginPath}}">
          <h1>Forgetless</h1>
          {{(failed ? "<p class=\"error\" id=\"login-error\">Wrong name or password.</p>" : "")}}
          <input type="hidden" name="{{tokens.FormFieldName}}" value="{{WebUtility.HtmlEncode(tokens.RequestToken)}}">
          <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl)}}">
          <label>Name <input id="name" name="name" autocomplete="username" required autofocus></label>
          <label>Password <input id="password" name="password" type="password" autocomplete="current-password" required></label>
          <button id="sign-in" type="submit">Sign in</button>
        </form></body></html>
        """;
}
