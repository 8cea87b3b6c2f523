using System.Security.Claims;
using System.Text.Json;
using CareMesh.Identity.Accounts;
using CareMesh.Identity.SecurityEvents;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Client;
using OpenIddict.Client.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CareMesh.Identity.Cis2;

/// <summary>
/// Staff sign in at NHS CIS2 (OpenIddict's client): the role they selected there and its organisation become their
/// CareMesh role and organisation through <c>Authentication:RoleMap</c>, exactly as a service maps a bearer token
/// (<see cref="SecurityExtensions.AddCareMeshClaims"/>). Someone whose role maps onto no CareMesh role is refused with
/// a page that says so. Each CIS2 user has an account here (linked by their CIS2 subject), updated at every sign-in,
/// so the provider's tokens, refresh and disabling work for them as for anyone.
/// </summary>
public static class Cis2SignIn
{
    public const string ProviderName = "cis2";
    public const string ChallengePath = "/account/cis2";
    public const string CallbackPath = "account/cis2/callback";

    /// <summary>CIS2's claims: the selected role's id, and every role the person holds (JSON: <c>person_roleid</c>, <c>role_code</c>, <c>org_code</c>).</summary>
    private const string SelectedRoleClaim = "selected_roleid";
    private const string RolesClaim = "nhsid_nrbac_roles";

    public static void AddCis2(this IHostApplicationBuilder builder, Cis2Options cis2, OpenIddictBuilder openIddict)
    {
        if (!cis2.IsConfigured)
        {
            return;
        }

        builder.Services.AddSingleton<IConfigureOptions<OpenIddictClientOptions>, ClientKeys>();
        openIddict.AddClient(client =>
        {
            client.AllowAuthorizationCodeFlow();
            client.SetRedirectionEndpointUris(CallbackPath);
            // Errors too (a refused or forged answer, the person cancelling at CIS2) come to the callback: a page and a security event.
            client.UseAspNetCore().EnableRedirectionEndpointPassthrough().EnableErrorPassthrough().DisableTransportSecurityRequirement();
            client.UseSystemNetHttp();
            var registration = new OpenIddictClientRegistration
            {
                ProviderName = ProviderName,
                ProviderDisplayName = "NHS CIS2",
                Issuer = cis2.Authority,
                ClientId = cis2.ClientId,
                ClientSecret = cis2.ClientSecret,
                RedirectUri = new Uri(CallbackPath, UriKind.Relative),
            };
            registration.Scopes.UnionWith(cis2.Scopes);
            client.AddRegistration(registration);
        });
    }

    public static void MapCis2SignIn(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<Cis2Options>>().Value.IsConfigured)
        {
            return;
        }

        var pages = app.MapGroup("").AllowAnonymous().ExcludeFromDescription();
        pages.MapGet(ChallengePath, ([FromQuery] string? returnUrl) => Results.Challenge(
            new AuthenticationProperties(new Dictionary<string, string?> { [OpenIddictClientAspNetCoreConstants.Properties.ProviderName] = ProviderName })
            {
                RedirectUri = SignInPages.IsLocal(returnUrl) ? returnUrl : null,
            },
            [OpenIddictClientAspNetCoreDefaults.AuthenticationScheme]));
        // OpenIddict has checked the state, the code and the identity token before this runs.
        pages.MapMethods("/" + CallbackPath, [HttpMethods.Get, HttpMethods.Post], CallbackAsync).DisableAntiforgery();
    }

    private static async Task<IResult> CallbackAsync(
        HttpContext http, UserManager<Account> accounts, SignInManager<Account> signIn, IOptions<CareMeshAuthenticationOptions> authentication, SecurityEventLog events)
    {
        var result = await http.AuthenticateAsync(OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal is not { } cis2 || cis2.GetClaim(Claims.Subject) is not { Length: > 0 } subject)
        {
            var error = result.Properties?.GetString(OpenIddictClientAspNetCoreConstants.Properties.Error) ?? "no subject";
            await events.RecordAsync(SecurityEventKinds.SignInFailed, detail: $"NHS CIS2 sign-in did not complete: {error}");
            return Pages.Page("Sign-in did not complete", "<p>Signing in with NHS CIS2 did not complete. Please try again.</p>", StatusCodes.Status400BadRequest);
        }

        var (roleCode, organisation) = SelectedRole(cis2, authentication.Value);
        var mapped = new ClaimsPrincipal(new ClaimsIdentity(
            [
                .. roleCode is null ? [] : new[] { new Claim(authentication.Value.RoleClaim, roleCode) },
                .. organisation is null ? [] : new[] { new Claim(authentication.Value.OrganisationClaim, organisation) },
            ], ProviderName));
        SecurityExtensions.AddCareMeshClaims(mapped, authentication.Value);
        if (mapped.Role() is not { } role || mapped.Organisation() is not { } organisationCode)
        {
            await events.RecordAsync(SecurityEventKinds.Cis2RoleRefused, detail: $"CIS2 {subject}: role {roleCode ?? "(none)"} at {organisation ?? "(none)"}");
            return Pages.Page("No CareMesh role for your NHS role",
                $"""
                <p>You signed in with NHS CIS2 as role <strong>{Pages.Encode(roleCode ?? "(none)")}</strong> at organisation <strong>{Pages.Encode(organisation ?? "(none)")}</strong>.</p>
                <p>That role does not give access to CareMesh: your Primary Care Network has not mapped it onto a CareMesh role.
                If you should have access, ask your PCN's CareMesh administrator to add the role code to CareMesh's role map, or sign in to CIS2 again choosing another role.</p>
                """,
                StatusCodes.Status403Forbidden);
        }

        var name = cis2.GetClaim(Claims.Name) ?? string.Join(' ', new[] { cis2.GetClaim(Claims.GivenName), cis2.GetClaim(Claims.FamilyName) }.Where(n => n is { Length: > 0 }));
        name = name is { Length: > 0 } ? name[..Math.Min(name.Length, Account.MaxNameLength)] : "NHS CIS2 user";
        var account = await accounts.FindByLoginAsync(ProviderName, subject);
        if (account is null)
        {
            account = new Account { Id = Guid.NewGuid().ToString(), UserName = "cis2-" + Guid.NewGuid().ToString("N"), DisplayName = name, Role = role, Organisation = organisationCode };
            var created = await accounts.CreateAsync(account);
            var linked = created.Succeeded ? await accounts.AddLoginAsync(account, new UserLoginInfo(ProviderName, subject, "NHS CIS2")) : created;
            if (!linked.Succeeded)
            {
                throw new InvalidOperationException($"Could not record the CIS2 user's account: {string.Join("; ", linked.Errors.Select(e => e.Code))}");
            }
        }
        else if (account.DisabledAt is not null)
        {
            await events.RecordAsync(SecurityEventKinds.SignInFailed, account.Id, detail: "account disabled");
            return Pages.Page("Account disabled", "<p>Your CareMesh account has been disabled. Ask your PCN's CareMesh administrator.</p>", StatusCodes.Status403Forbidden);
        }
        else if (account.Role != role || account.Organisation != organisationCode || account.DisplayName != name)
        {
            // The role chosen at this sign-in is the one the tokens carry.
            (account.Role, account.Organisation, account.DisplayName) = (role, organisationCode, name);
            await accounts.UpdateAsync(account);
        }

        await signIn.SignInAsync(account, isPersistent: false, authenticationMethod: ProviderName);
        await events.RecordAsync(SecurityEventKinds.SignedIn, account.Id, detail: $"NHS CIS2 as {role} ({roleCode}) at {organisationCode}");
        var returnUrl = result.Properties?.RedirectUri;
        return Results.LocalRedirect(SignInPages.IsLocal(returnUrl) ? returnUrl! : http.Request.PathBase + SignInPages.SignedInPath);
    }

    /// <summary>
    /// The role code and organisation of the role the person selected: from the matching entry of
    /// <c>nhsid_nrbac_roles</c> (the job role of its <c>role_code</c>, and its <c>org_code</c>) when CIS2 sends one, else
    /// the selected role claim and the organisation claim themselves.
    /// </summary>
    private static (string? RoleCode, string? Organisation) SelectedRole(ClaimsPrincipal cis2, CareMeshAuthenticationOptions authentication)
    {
        var selected = cis2.GetClaim(SelectedRoleClaim);
        foreach (var claim in cis2.FindAll(RolesClaim))
        {
            foreach (var role in Roles(claim.Value))
            {
                if (role.TryGetProperty("person_roleid", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == selected)
                {
                    // "S8000:G8000:R8000": the job role is the last part (configuration keys cannot hold ':').
                    return (Text(role, "role_code")?.Split(':')[^1], Text(role, "org_code"));
                }
            }
        }

        return (selected, cis2.GetClaim(authentication.OrganisationClaim));
    }

    private static IEnumerable<JsonElement> Roles(string value)
    {
        JsonElement parsed;
        try
        {
            parsed = JsonDocument.Parse(value).RootElement;
        }
        catch (JsonException)
        {
            yield break;
        }

        if (parsed.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in parsed.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
            {
                yield return item;
            }
        }
        else if (parsed.ValueKind == JsonValueKind.Object)
        {
            yield return parsed;
        }
    }

    private static string? Text(JsonElement role, string property) =>
        role.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
