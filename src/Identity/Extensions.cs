using CareMesh.Identity.Accounts;
using CareMesh.Identity.Cis2;
using CareMesh.Identity.Clients;
using CareMesh.Identity.Connect;
using CareMesh.Identity.Data;
using CareMesh.Identity.Invitations;
using CareMesh.Identity.Keys;
using CareMesh.Identity.Mail;
using CareMesh.Identity.SecurityEvents;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CareMesh.Identity;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ProviderOptions.Section).GetSettings<ProviderOptions>();
        if (options.Keys.PublishRetiredFor < options.AccessTokenLifetime || options.Keys.PublishRetiredFor < options.IdentityTokenLifetime
            || (builder.Environment.IsDevelopment() && options.Keys.PublishRetiredFor < DevelopmentGrant.MaxLifetime))
        {
            throw new InvalidOperationException("Identity:Keys:PublishRetiredFor must outlast every token a key signs (the access and identity token lifetimes, and in Development the development grant's).");
        }

        builder.Services.AddOptions<ProviderOptions>().BindSettings(ProviderOptions.Section);
        builder.Services.AddOptions<CareMeshAuthenticationOptions>().BindSettings(CareMeshAuthenticationOptions.Section);
        builder.AddServiceDatabase<IdentityDbContext>("identitydb");
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<SecurityEventLog>();
        builder.Services.AddSingleton<TokenClaims>();
        builder.Services.AddOptions<MailOptions>().BindSettings(MailOptions.Section);
        builder.Services.AddSingleton(IMailSender.For);
        builder.Services.AddOptions<InvitationOptions>().BindSettings(InvitationOptions.Section);
        builder.Services.AddOptions<Cis2Options>().BindSettings(Cis2Options.Section);
        builder.Services.AddScoped<Authenticator>();

        // Cookies and the provider's keys are protected with a key ring every replica shares, kept in identitydb.
        builder.Services.AddDataProtection().SetApplicationName("CareMesh.Identity").PersistKeysToDbContext<IdentityDbContext>();

        builder.Services.AddIdentityCore<Account>(identity =>
            {
                // Staff from CIS2 have no email here; a partner's is unique (AccountEmails).
                identity.User.RequireUniqueEmail = false;
                // Length over complexity (PasswordPolicy): no composition rules.
                identity.Password = new PasswordOptions
                {
                    RequiredLength = PasswordPolicy.MinimumLength, RequiredUniqueChars = 1,
                    RequireDigit = false, RequireLowercase = false, RequireUppercase = false, RequireNonAlphanumeric = false,
                };
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<IdentityDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<AuthenticatorTokenProvider>(Authenticator.ProviderName)
            .AddPasswordValidator<PasswordPolicy>()
            .AddUserValidator<AccountEmails>();
        // The bearer scheme stays the default (service defaults): the sign-in cookie is asked for by name.
        builder.Services.AddAuthentication().AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = SignInPages.SignInPath;
            cookie.Cookie.Name = "caremesh.identity";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = false;
            // Relative, so the browser stays on the public address it came through (the gateway).
            cookie.Events.OnRedirectToLogin = context =>
            {
                context.Response.Redirect(new Uri(context.RedirectUri).PathAndQuery);
                return Task.CompletedTask;
            };
        });
        builder.Services.AddAntiforgery(antiforgery => antiforgery.Cookie.Name = "caremesh.identity.antiforgery");

        builder.Services.AddSingleton<SigningKeyRing>();
        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ServerKeys>();
        // After the database migrator: keys, then clients, before the first request.
        builder.Services.AddHostedService<SigningKeyRefresh>();
        builder.Services.AddHostedService<ClientRegistrations>();

        var development = builder.Environment.IsDevelopment();
        var openIddict = builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(server =>
            {
                if (options.Issuer is { } issuer)
                {
                    server.SetIssuer(issuer);
                }

                server.SetAuthorizationEndpointUris(ConnectApi.AuthorizationPath)
                    .SetTokenEndpointUris(ConnectApi.TokenPath)
                    .SetEndSessionEndpointUris(ConnectApi.EndSessionPath)
                    .SetUserInfoEndpointUris(ConnectApi.UserInfoPath)
                    .SetRevocationEndpointUris(ConnectApi.RevocationPath);
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow();
                // OpenIddict offers plain too; plain sends the verifier itself, so a code seen on its way back is redeemable.
                server.Configure(server => server.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                if (development)
                {
                    // Nowhere else: outside Development the token endpoint answers unsupported_grant_type.
                    server.AllowCustomFlow(DevelopmentGrant.GrantType);
                }

                server.AddEventHandler(ClientCredentialsScopes.Descriptor);
                server.AddEventHandler(TokenRefusals.Descriptor);
                server.RegisterScopes([Scopes.OpenId, Scopes.Profile, Scopes.OfflineAccess, TokenClaims.ApiScope,
                    .. options.Clients.Systems.Values.SelectMany(system => system.Scopes).Distinct()]);
                server.SetAccessTokenLifetime(options.AccessTokenLifetime)
                    .SetIdentityTokenLifetime(options.IdentityTokenLifetime)
                    .SetRefreshTokenLifetime(options.RefreshTokenLifetime)
                    .SetRefreshTokenReuseLeeway(options.RefreshTokenReuseLeeway);
                // Services validate access tokens themselves from the published keys: signed JWTs, not encrypted.
                server.DisableAccessTokenEncryption();
                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough();
                // Inside the deployment TLS ends at the load balancer in front of the gateway.
                aspNetCore.DisableTransportSecurityRequirement();
            });
        builder.AddCis2(builder.Configuration.GetSection(Cis2Options.Section).Get<Cis2Options>() ?? new Cis2Options(), openIddict);
    }

    public static void MapIdentity(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapConnectApi();
        app.MapSignInPages();
        app.MapCis2SignIn();
        app.MapInvitationPages();
        app.MapInvitationsApi();
        app.MapAccountsApi();
    }
}
