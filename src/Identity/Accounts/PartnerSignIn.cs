using System.Security.Claims;
using CareMesh.Identity.SecurityEvents;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CareMesh.Identity.Accounts;

/// <summary>
/// A partner's sign-in: email and password, then a code from the authenticator app, every time. The password step
/// leaves only Identity's short-lived two-factor cookie; a partner without an authenticator (new, or reset) enrols
/// one before getting further. Wrong passwords and wrong codes both count towards Identity's lockout.
/// </summary>
public static class PartnerSignIn
{
    public const string CodePath = "/account/login/code";
    public const string EnrolmentPath = "/account/authenticator";

    private const string LockedOutMessage = "This account is locked after too many failed attempts. Try again later, or ask your CareMesh team lead.";

    internal static void MapPartnerSignIn(this RouteGroupBuilder pages)
    {
        pages.MapPost(SignInPages.SignInPath, SignInWithPasswordAsync);
        pages.MapGet(CodePath, (HttpContext http, IAntiforgery antiforgery, [FromQuery] string? returnUrl) => CodePage(http, antiforgery, returnUrl));
        pages.MapPost(CodePath, SignInWithCodeAsync);
        pages.MapGet(EnrolmentPath, EnrolmentAsync);
        pages.MapPost(EnrolmentPath, EnrolAsync);
    }

    /// <summary>The email and password form, for the sign-in page.</summary>
    internal static string PasswordForm(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? error = null) =>
        Pages.Form(http, antiforgery, SignInPages.SignInPath,
            Pages.Field("email", "Email address", "email", "username", error) +
            Pages.Field("password", "Password", "password", "current-password") +
            """<button type="submit">Continue</button>""",
            ("returnUrl", returnUrl));

    private static async Task<IResult> SignInWithPasswordAsync(
        HttpContext http, IAntiforgery antiforgery, [FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        UserManager<Account> accounts, SignInManager<Account> signIn, SecurityEventLog events)
    {
        IResult Again(string error) => Pages.Page("Sign in to CareMesh", PasswordForm(http, antiforgery, returnUrl, error), StatusCodes.Status400BadRequest);

        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password) || email.Length > 256 || password.Length > PasswordPolicy.MaximumLength)
        {
            return Again("Enter your email address and password.");
        }

        if (await accounts.FindByEmailAsync(email.Trim()) is not { } account)
        {
            await events.RecordAsync(SecurityEventKinds.SignInFailed, detail: "unknown account");
            return Again("The email address or password is not right.");
        }

        var wasLockedOut = await accounts.IsLockedOutAsync(account);
        var checkedPassword = await signIn.CheckPasswordSignInAsync(account, password, lockoutOnFailure: true);
        if (checkedPassword.IsLockedOut)
        {
            await events.RecordAsync(wasLockedOut ? SecurityEventKinds.SignInFailed : SecurityEventKinds.LockedOut, account.Id,
                detail: wasLockedOut ? "locked out" : "wrong password");
            return Pages.Page("Account locked", $"<p>{Pages.Encode(LockedOutMessage)}</p>", StatusCodes.Status403Forbidden);
        }

        if (!checkedPassword.Succeeded)
        {
            await events.RecordAsync(SecurityEventKinds.SignInFailed, account.Id, detail: "wrong password");
            return Again("The email address or password is not right.");
        }

        if (account.DisabledAt is not null)
        {
            await events.RecordAsync(SecurityEventKinds.SignInFailed, account.Id, detail: "account disabled");
            return Pages.Page("Account disabled", "<p>This account has been disabled. Ask your CareMesh team lead.</p>", StatusCodes.Status403Forbidden);
        }

        await PasswordCheckedAsync(http, account);
        var next = account.TwoFactorEnabled ? CodePath : EnrolmentPath;
        return Results.Redirect(http.Request.PathBase + next + QueryString.Create("returnUrl", SignInPages.IsLocal(returnUrl) ? returnUrl! : ""));
    }

    private static IResult CodePage(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? error = null, int status = StatusCodes.Status200OK) =>
        Pages.Page("Enter your code",
            "<p>Open your authenticator app and enter the 6-digit code it shows for CareMesh.</p>" +
            Pages.Form(http, antiforgery, CodePath,
                Pages.Field("code", "Code", "text", "one-time-code", error, numeric: true) + """<button type="submit">Sign in</button>""",
                ("returnUrl", returnUrl)),
            status);

    private static async Task<IResult> SignInWithCodeAsync(
        HttpContext http, IAntiforgery antiforgery, [FromForm] string? code, [FromForm] string? returnUrl,
        SignInManager<Account> signIn, UserManager<Account> accounts, SecurityEventLog events)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } account)
        {
            return SignInAgain(http);
        }

        var wasLockedOut = await accounts.IsLockedOutAsync(account);
        var result = await signIn.TwoFactorSignInAsync(Authenticator.ProviderName, code ?? "", isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await events.RecordAsync(SecurityEventKinds.SignedIn, account.Id, detail: "password and authenticator");
            return Results.LocalRedirect(SignInPages.IsLocal(returnUrl) ? returnUrl! : http.Request.PathBase + SignInPages.SignedInPath);
        }

        if (result.IsLockedOut)
        {
            await events.RecordAsync(wasLockedOut ? SecurityEventKinds.SignInFailed : SecurityEventKinds.LockedOut, account.Id,
                detail: wasLockedOut ? "locked out" : "wrong code");
            await http.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            return Pages.Page("Account locked", $"<p>{Pages.Encode(LockedOutMessage)}</p>", StatusCodes.Status403Forbidden);
        }

        await events.RecordAsync(SecurityEventKinds.SignInFailed, account.Id, detail: "wrong code");
        return CodePage(http, antiforgery, returnUrl, "That code is not right, or was used already: wait for the next one.", StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> EnrolmentAsync(
        HttpContext http, IAntiforgery antiforgery, [FromQuery] string? returnUrl, SignInManager<Account> signIn, UserManager<Account> accounts, Authenticator authenticator)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { TwoFactorEnabled: false } account)
        {
            return SignInAgain(http);
        }

        return EnrolmentPage(http, antiforgery, account, await authenticator.KeyForEnrolmentAsync(accounts, account), returnUrl);
    }

    private static IResult EnrolmentPage(HttpContext http, IAntiforgery antiforgery, Account account, byte[] key, string? returnUrl, string? error = null)
    {
        var (_, qrCode, secret) = Authenticator.Enrolment(account, key);
        return Pages.Page("Set up your authenticator app",
            $"""
            <p>CareMesh asks for a code from an authenticator app (Microsoft Authenticator, Google Authenticator or similar) every time you sign in.</p>
            <p>Scan this QR code with the app:</p>
            <img src="{qrCode}" alt="QR code for your authenticator app" width="200" height="200">
            <p>Or enter this key in the app: <code class="key">{Pages.Encode(secret)}</code></p>
            {Pages.Form(http, antiforgery, EnrolmentPath,
                Pages.Field("code", "The 6-digit code the app now shows", "text", "one-time-code", error, numeric: true) + """<button type="submit">Finish</button>""",
                ("returnUrl", returnUrl))}
            """,
            error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> EnrolAsync(
        HttpContext http, IAntiforgery antiforgery, [FromForm] string? code, [FromForm] string? returnUrl,
        SignInManager<Account> signIn, UserManager<Account> accounts, Authenticator authenticator, SecurityEventLog events)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { TwoFactorEnabled: false } account || await authenticator.KeyAsync(accounts, account) is not { } key)
        {
            return SignInAgain(http);
        }

        if (await accounts.IsLockedOutAsync(account))
        {
            return Pages.Page("Account locked", $"<p>{Pages.Encode(LockedOutMessage)}</p>", StatusCodes.Status403Forbidden);
        }

        if (!await authenticator.VerifyAsync(accounts, account, code))
        {
            await accounts.AccessFailedAsync(account);
            var locked = await accounts.IsLockedOutAsync(account);
            await events.RecordAsync(locked ? SecurityEventKinds.LockedOut : SecurityEventKinds.SignInFailed, account.Id, detail: "wrong enrolment code");
            return locked
                ? Pages.Page("Account locked", $"<p>{Pages.Encode(LockedOutMessage)}</p>", StatusCodes.Status403Forbidden)
                : EnrolmentPage(http, antiforgery, account, key, returnUrl, "That code is not right: check the app shows CareMesh, and try the next code.");
        }

        await accounts.SetTwoFactorEnabledAsync(account, true);
        await accounts.ResetAccessFailedCountAsync(account);
        await events.RecordAsync(SecurityEventKinds.AuthenticatorEnrolled, account.Id);
        await http.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await signIn.SignInWithClaimsAsync(account, isPersistent: false, [new Claim("amr", "mfa")]);
        await events.RecordAsync(SecurityEventKinds.SignedIn, account.Id, detail: "password and new authenticator");
        return Results.LocalRedirect(SignInPages.IsLocal(returnUrl) ? returnUrl! : http.Request.PathBase + SignInPages.SignedInPath);
    }

    /// <summary>The password is right: what remains is the second factor, behind Identity's two-factor cookie (minutes).</summary>
    internal static Task PasswordCheckedAsync(HttpContext http, Account account) =>
        http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme,
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, account.Id)], IdentityConstants.TwoFactorUserIdScheme)));

    /// <summary>The two-factor cookie has gone (expired, or never there): from the start.</summary>
    private static IResult SignInAgain(HttpContext http) =>
        Pages.Page("Sign in again", $"""<p>Your sign-in has timed out. <a href="{Pages.Encode(http.Request.PathBase + SignInPages.SignInPath)}">Sign in again</a>.</p>""",
            StatusCodes.Status400BadRequest);
}
