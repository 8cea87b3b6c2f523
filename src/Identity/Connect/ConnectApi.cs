using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using CareMesh.Identity.Accounts;
using CareMesh.Identity.SecurityEvents;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CareMesh.Identity.Connect;

/// <summary>
/// The protocol endpoints OpenIddict passes through to CareMesh once it has validated the request: who is signed
/// in at the authorization endpoint, what each grant's token says at the token endpoint, sign-out and user info.
/// Discovery, JWKS and revocation are OpenIddict's own.
/// </summary>
public static partial class ConnectApi
{
    public const string AuthorizationPath = "connect/authorize";
    public const string TokenPath = "connect/token";
    public const string EndSessionPath = "connect/logout";
    public const string UserInfoPath = "connect/userinfo";
    public const string RevocationPath = "connect/revoke";

    public static void MapConnectApi(this IEndpointRouteBuilder app)
    {
        // The protocol's own requests are checked by OpenIddict (client, redirect URI, PKCE, scopes), not by antiforgery.
        app.MapMethods(AuthorizationPath, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        app.MapPost(TokenPath, ExchangeAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        app.MapMethods(EndSessionPath, [HttpMethods.Get, HttpMethods.Post], EndSessionAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        app.MapMethods(UserInfoPath, [HttpMethods.Get, HttpMethods.Post], UserInfoAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }

    private static async Task<IResult> AuthorizeAsync(
        HttpContext http, UserManager<Account> accounts, TokenClaims claims,
        IOpenIddictApplicationManager applications, IOpenIddictAuthorizationManager authorizations)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OpenID Connect request.");
        var signedIn = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var account = signedIn.Succeeded ? await accounts.GetUserAsync(signedIn.Principal) : null;
        if (account is null || account.DisabledAt is not null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(Errors.LoginRequired, "The user is not signed in.");
            }

            // To the sign-in page, and back here with the same request once signed in.
            var parameters = http.Request.HasFormContentType ? http.Request.Form.ToList() : http.Request.Query.ToList();
            return Results.Challenge(
                new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters.Where(p => p.Key != Parameters.Prompt)) },
                [IdentityConstants.ApplicationScheme]);
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!) ?? throw new InvalidOperationException("OpenIddict validated an unknown client.");
        var identity = claims.For(account);
        identity.SetScopes(request.GetScopes());
        // An authorization per sign-in ties its refresh tokens together: reuse of one, or disabling the account, revokes them all.
        var authorization = await authorizations.CreateAsync(
            identity, account.Id, (await applications.GetIdAsync(application))!, AuthorizationTypes.AdHoc, identity.GetScopes());
        identity.SetAuthorizationId(await authorizations.GetIdAsync(authorization));
        return Results.SignIn(new ClaimsPrincipal(claims.WithDestinations(identity)), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> ExchangeAsync(
        HttpContext http, UserManager<Account> accounts, TokenClaims claims, IOptions<ProviderOptions> options,
        IHostEnvironment environment, SecurityEventLog events)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OpenID Connect request.");
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var granted = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var account = granted.Principal?.GetClaim(Claims.Subject) is { } subject ? await accounts.FindByIdAsync(subject) : null;
            if (account is null || account.DisabledAt is not null || !await accounts.IsEmailConfirmedAsync(account) && accounts.Options.SignIn.RequireConfirmedEmail)
            {
                await events.RecordAsync(SecurityEventKinds.RefreshRefused, account?.Id, request.ClientId, account is null ? "no such account" : "account disabled");
                return Refuse(Errors.InvalidGrant, "The account can no longer sign in.");
            }

            // What the account is now, not what it was when the code or refresh token was issued.
            var identity = claims.For(account);
            identity.SetScopes(granted.Principal!.GetScopes());
            identity.SetAuthorizationId(granted.Principal!.GetAuthorizationId());
            await events.RecordAsync(SecurityEventKinds.TokenIssued, account.Id, request.ClientId, request.GrantType);
            return Results.SignIn(new ClaimsPrincipal(claims.WithDestinations(identity)), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has authenticated the client and checked its scopes against its permissions.
            var client = options.Value.Clients.Systems.GetValueOrDefault(request.ClientId!);
            if (client is null)
            {
                return Refuse(Errors.UnauthorizedClient, "The client is not registered for client credentials.");
            }

            var identity = claims.For(request.ClientId!, client.DisplayName ?? request.ClientId, client.Role, client.Organisation);
            // Asking for none is asking for every scope the client is granted (RFC 6749 3.3 lets the server choose a default).
            var scopes = request.GetScopes() is { IsEmpty: false } asked ? asked : [.. client.Scopes];
            identity.SetScopes(scopes);
            await events.RecordAsync(SecurityEventKinds.ClientCredentialsIssued, clientId: request.ClientId, detail: string.Join(' ', scopes));
            return Results.SignIn(new ClaimsPrincipal(claims.WithDestinations(identity)), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        // OpenIddict allows this grant in Development only (Extensions), so it never gets here elsewhere; checked again all the same.
        if (request.GrantType == DevelopmentGrant.GrantType && environment.IsDevelopment())
        {
            return await DevelopmentTokenAsync(request, claims, events);
        }

        return Refuse(Errors.UnsupportedGrantType, "The grant type is not supported.");
    }

    private static async Task<IResult> DevelopmentTokenAsync(OpenIddictRequest request, TokenClaims claims, SecurityEventLog events)
    {
        var role = (string?)request["role"];
        var organisation = (string?)request["org"];
        var name = (string?)request["name"] ?? $"Development {role}";
        var user = (string?)request["user"] ?? $"dev-{role}-{organisation}";
        var minutes = (string?)request["minutes"];
        // Any well-formed role, known or not: tests ask for one CareMesh does not map, to see it refused.
        if (role is null || !Identifier().IsMatch(role) || organisation is null || !Identifier().IsMatch(organisation)
            || !Identifier().IsMatch(user) || name.Length > Account.MaxNameLength || TextPolicy.Refusal(name) is not null)
        {
            return Refuse(Errors.InvalidRequest, "role and org are required: letters, digits, '-' and '_' (user likewise); name at most 200 characters.");
        }

        TimeSpan? lifetime = null;
        if (minutes is not null)
        {
            if (!int.TryParse(minutes, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1 || parsed > DevelopmentGrant.MaxLifetime.TotalMinutes)
            {
                return Refuse(Errors.InvalidRequest, $"minutes must be a whole number from 1 to {DevelopmentGrant.MaxLifetime.TotalMinutes}.");
            }

            lifetime = TimeSpan.FromMinutes(parsed);
        }

        var identity = claims.For(user, name, role, organisation);
        identity.SetScopes(TokenClaims.ApiScope);
        identity.SetAccessTokenLifetime(lifetime);
        await events.RecordAsync(SecurityEventKinds.DevelopmentTokenIssued, user, request.ClientId, $"{role} at {organisation}");
        return Results.SignIn(new ClaimsPrincipal(claims.WithDestinations(identity)), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> EndSessionAsync(HttpContext http, UserManager<Account> accounts, SecurityEventLog events)
    {
        var signedIn = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (signedIn.Succeeded)
        {
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            await events.RecordAsync(SecurityEventKinds.SignedOut, accounts.GetUserId(signedIn.Principal));
        }

        // OpenIddict sends the browser on to the client's registered post-logout address, if it named one.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = http.Request.PathBase + SignInPages.SignedOutPath },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http, IOptions<CareMeshAuthenticationOptions> authentication)
    {
        var token = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (token.Principal is not { } principal)
        {
            return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        string[] types = [Claims.Subject, Claims.Name, authentication.Value.RoleClaim, authentication.Value.OrganisationClaim];
        return Results.Ok(types.Where(type => principal.GetClaim(type) is not null).ToDictionary(type => type, type => principal.GetClaim(type)));
    }

    /// <summary>A refusal in the protocol's own terms (<c>error</c>, <c>error_description</c>), as OpenIddict writes it.</summary>
    internal static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex Identifier();
}
