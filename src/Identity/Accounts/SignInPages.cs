using System.Text;
using CareMesh.Identity.Cis2;
using CareMesh.Identity.SecurityEvents;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CareMesh.Identity.Accounts;

/// <summary>
/// The sign-in pages the authorization endpoint sends a browser to: staff through NHS CIS2 (when configured), partners
/// with email, password and authenticator code (<see cref="PartnerSignIn"/>), and in Development the seeded accounts.
/// </summary>
public static class SignInPages
{
    public const string SignInPath = "/account/login";
    public const string DevelopmentSignInPath = "/account/login/development";
    public const string SignedInPath = "/account/signed-in";
    public const string SignedOutPath = "/account/signed-out";

    public static void MapSignInPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").AllowAnonymous().ExcludeFromDescription();
        pages.MapGet(SignInPath, SignIn);
        pages.MapGet(SignedInPath, () => Pages.Page("Signed in", "<p>You are signed in to CareMesh.</p>"));
        pages.MapGet(SignedOutPath, () => Pages.Page("Signed out", "<p>You have signed out of CareMesh.</p>"));
        pages.MapPartnerSignIn();
        if (app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            pages.MapPost(DevelopmentSignInPath, SignInAsDevelopmentAccountAsync);
        }
    }

    private static IResult SignIn(HttpContext http, IAntiforgery antiforgery, IHostEnvironment environment, IOptions<Cis2Options> cis2, [FromQuery] string? returnUrl)
    {
        var body = new StringBuilder();
        if (environment.IsDevelopment())
        {
            body.Append("<p>Development only: choose the account to sign in as.</p><ul class=\"accounts\">");
            foreach (var account in DevelopmentAccounts.All)
            {
                body.Append("<li>").Append(Pages.Form(http, antiforgery, DevelopmentSignInPath,
                    $"""<button type="submit">{Pages.Encode(account.DisplayName)}</button> <span>{Pages.Encode(account.Role)} at {Pages.Encode(account.Organisation)}</span>""",
                    ("account", account.Id), ("returnUrl", returnUrl ?? ""))).Append("</li>");
            }

            body.Append("</ul>");
        }

        if (cis2.Value.IsConfigured)
        {
            body.Append($"""
                <h2>NHS staff</h2>
                <p><a class="button" href="{Pages.Encode(http.Request.PathBase + Cis2SignIn.ChallengePath + QueryString.Create("returnUrl", IsLocal(returnUrl) ? returnUrl! : ""))}">Sign in with NHS CIS2</a></p>
                """);
        }

        body.Append("<h2>Partner organisations</h2>").Append(PartnerSignIn.PasswordForm(http, antiforgery, returnUrl));
        return Pages.Page("Sign in to CareMesh", body.ToString());
    }

    private static async Task<IResult> SignInAsDevelopmentAccountAsync(
        HttpContext http, [FromForm] string account, [FromForm] string? returnUrl, UserManager<Account> accounts, SignInManager<Account> signIn, SecurityEventLog events)
    {
        if (await accounts.FindByIdAsync(account) is not { } chosen || !DevelopmentAccounts.All.Any(a => a.Id == chosen.Id))
        {
            await events.RecordAsync(SecurityEventKinds.SignInFailed, detail: "no such development account");
            return Pages.Page("Sign in to CareMesh", "<p>There is no such development account.</p>", StatusCodes.Status400BadRequest);
        }

        await signIn.SignInAsync(chosen, isPersistent: false);
        await events.RecordAsync(SecurityEventKinds.SignedIn, chosen.Id, detail: "development account");
        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : http.Request.PathBase + SignInPath);
    }

    /// <summary>Only a path on this site: never another site's address (an open redirect).</summary>
    internal static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
