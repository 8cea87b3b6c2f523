using System.Text;
using System.Text.Encodings.Web;
using CareMesh.Identity.SecurityEvents;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CareMesh.Identity.Accounts;

/// <summary>
/// The sign-in pages the authorization endpoint sends a browser to. In Development a page lists the seeded
/// accounts to sign in as; elsewhere partners and CIS2 sign-in are the only ways in.
/// </summary>
public static class SignInPages
{
    public const string SignInPath = "/account/login";
    public const string DevelopmentSignInPath = "/account/login/development";
    public const string SignedOutPath = "/account/signed-out";

    /// <summary>Pages carry their own styles and post forms to the provider; nothing else is allowed.</summary>
    private const string PageSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void MapSignInPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").AllowAnonymous().ExcludeFromDescription();
        pages.MapGet(SignInPath, SignIn);
        pages.MapGet(SignedOutPath, () => Page("Signed out", "<p>You have signed out of CareMesh.</p>"));
        if (app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            pages.MapPost(DevelopmentSignInPath, SignInAsDevelopmentAccountAsync);
        }
    }

    private static IResult SignIn(HttpContext http, IAntiforgery antiforgery, IHostEnvironment environment, [FromQuery] string? returnUrl)
    {
        if (!environment.IsDevelopment())
        {
            return Page("Sign in to CareMesh", "<p>Sign in through your organisation's sign-in service.</p>", StatusCodes.Status200OK);
        }

        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Default;
        var body = new StringBuilder("<p>Development only: choose the account to sign in as.</p><ul class=\"accounts\">");
        foreach (var account in DevelopmentAccounts.All)
        {
            body.Append(CultureInvariant($"""
                <li><form method="post" action="{html.Encode(http.Request.PathBase + DevelopmentSignInPath)}">
                <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken!)}">
                <input type="hidden" name="account" value="{html.Encode(account.Id)}">
                <input type="hidden" name="returnUrl" value="{html.Encode(returnUrl ?? "")}">
                <button type="submit">{html.Encode(account.DisplayName)}</button> <span>{html.Encode(account.Role)} at {html.Encode(account.Organisation)}</span>
                </form></li>
                """));
        }

        return Page("Sign in to CareMesh", body.Append("</ul>").ToString());
    }

    private static async Task<IResult> SignInAsDevelopmentAccountAsync(
        HttpContext http, [FromForm] string account, [FromForm] string? returnUrl, UserManager<Account> accounts, SignInManager<Account> signIn, SecurityEventLog events)
    {
        if (await accounts.FindByIdAsync(account) is not { } chosen || !DevelopmentAccounts.All.Any(a => a.Id == chosen.Id))
        {
            await events.RecordAsync(SecurityEventKinds.SignInFailed, detail: "no such development account");
            return Page("Sign in to CareMesh", "<p>There is no such development account.</p>", StatusCodes.Status400BadRequest);
        }

        await signIn.SignInAsync(chosen, isPersistent: false);
        await events.RecordAsync(SecurityEventKinds.SignedIn, chosen.Id, detail: "development account");
        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : http.Request.PathBase + SignInPath);
    }

    /// <summary>Only a path on this site: never another site's address (an open redirect).</summary>
    internal static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    private static IResult Page(string title, string body, int status = StatusCodes.Status200OK)
    {
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{HtmlEncoder.Default.Encode(title)}} - CareMesh</title>
            <style>
              body { margin: 0; font-family: Arial, sans-serif; color: #212b32; background: #f0f4f5; }
              header { background: #005eb8; color: #fff; padding: 16px 24px; font-size: 1.4rem; font-weight: bold; }
              main { max-width: 640px; margin: 32px auto; background: #fff; padding: 24px 32px; }
              ul.accounts { list-style: none; padding: 0; } ul.accounts li { margin: 12px 0; }
              button { background: #007f3b; color: #fff; border: 0; padding: 10px 16px; font-size: 1rem; cursor: pointer; box-shadow: 0 4px 0 #00401e; }
              span { color: #4c6272; }
            </style></head>
            <body><header>CareMesh</header><main><h1>{{HtmlEncoder.Default.Encode(title)}}</h1>{{body}}</main></body></html>
            """;
        return new PageResult(html, status);
    }

    private sealed class PageResult(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.ContentSecurityPolicy = PageSecurityPolicy;
            return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status).ExecuteAsync(http);
        }
    }
}
