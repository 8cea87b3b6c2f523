using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CareMesh.Identity.Tests.Cis2;

/// <summary>
/// A second OpenIddict server standing in for NHS CIS2, on a loopback port of its own: whoever the test names as
/// <see cref="Next"/> "signs in" at its authorization endpoint at once, and its identity token carries their
/// <c>selected_roleid</c>, organisation and, when given, CIS2's <c>nhsid_nrbac_roles</c>. It knows one client, CareMesh's provider.
/// </summary>
public sealed class Cis2StandIn : IAsyncDisposable
{
    public const string ClientId = "caremesh-identity";
    public const string ClientSecret = "cis2-stand-in-secret-5d1e";

    private readonly WebApplication _app;

    private Cis2StandIn(WebApplication app, Uri issuer)
    {
        _app = app;
        Issuer = issuer;
    }

    /// <summary>Its own address: the issuer its tokens name.</summary>
    public Uri Issuer { get; }

    /// <summary>Who signs in at the next authorization request.</summary>
    public Cis2Person Next { get; set; } = new("cis2-0001", "Dr Nia Jones", "R8000", "Y00001");

    /// <summary>The redirect address it accepts: CareMesh's callback, as the provider under test is reached.</summary>
    public Uri RedirectUri { get; } = new(Cis2Factory.PublicAddress, "account/cis2/callback");

    public static Cis2StandIn Start()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "Cis2StandIn", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        Cis2StandIn? standIn = null;
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            server.RegisterScopes(Scopes.OpenId, Scopes.Profile, "nationalrbacaccess");
            server.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
            // No database: the one client is checked by the handlers below.
            server.EnableDegradedMode();
            server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            server.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }
                else if (context.RedirectUri != standIn!.RedirectUri.AbsoluteUri)
                {
                    context.Reject(Errors.InvalidRequest, "Unregistered redirect_uri.");
                }

                return default;
            }));
            server.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "Wrong client credentials.");
                }

                return default;
            }));
        });

        var app = builder.Build();
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest()!;
            var person = standIn!.Next;
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, person.Subject).SetClaim(Claims.Name, person.Name).SetClaim("selected_roleid", person.SelectedRoleId);
            if (person.Organisation is { } organisation)
            {
                identity.SetClaim("org", organisation);
            }

            if (person.NrbacRoles is { } roles)
            {
                identity.AddClaim(new Claim("nhsid_nrbac_roles", roles, "JSON_ARRAY"));
            }

            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapPost("/connect/token", async (HttpContext http) =>
        {
            var code = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return Results.SignIn(code.Principal!, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.StartAsync().GetAwaiter().GetResult();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        standIn = new Cis2StandIn(app, new Uri(address.TrimEnd('/') + "/"));
        return standIn;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>Someone at CIS2: the role they selected, and its organisation (as a claim, or in <c>nhsid_nrbac_roles</c> JSON).</summary>
public sealed record Cis2Person(string Subject, string Name, string SelectedRoleId, string? Organisation, string? NrbacRoles = null);
