using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CareMesh.Web.SignIn;

/// <summary>
/// Sign-in at CareMesh's OpenID Connect provider (authorization code with PKCE, a confidential client), the
/// session in a cookie whose ticket stays on the server, inactivity sign-out and token refresh.
/// </summary>
internal static class SignInExtensions
{
    public const string ClientId = "caremesh-web";
    public static readonly string[] Scopes = ["openid", "profile", "offline_access", "caremesh"];

    public static void AddSignIn(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var authentication = configuration.GetSection(CareMeshAuthenticationOptions.Section).GetSettings<CareMeshAuthenticationOptions>();
        var workspace = configuration.GetSection(WorkspaceOptions.Section).GetSettings<WorkspaceOptions>();
        var development = builder.Environment.IsDevelopment();

        builder.Services.AddDistributedMemoryCache();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authentication.Cookies.ITicketStore, ServerSideTickets>();
        builder.Services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, UseServerSideTickets>();
        builder.Services.AddSingleton<TokenRefresher>();
        builder.Services.AddSingleton<SessionCheck>();

        // ServiceDefaults made bearer tokens the default (for APIs); people in a browser use the cookie and the provider.
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultAuthenticateScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
                options.DefaultForbidScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "caremesh-session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                cookie.ExpireTimeSpan = workspace.MaximumSession;
                cookie.SlidingExpiration = false;
                cookie.AccessDeniedPath = "/account/no-access";
                cookie.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<SessionCheck>().ValidateAsync(context);
            })
            .AddOpenIdConnect(oidc =>
            {
                oidc.Authority = authentication.Authority;
                oidc.RequireHttpsMetadata = !development;
                oidc.ClientId = ClientId;
                oidc.ClientSecret = configuration["Identity:Clients:Web:Secret"];
                oidc.ResponseType = "code";
                oidc.UsePkce = true;
                // The code comes back in the redirect's query, as OAuth 2.1 has it: single-use and bound to the PKCE
                // verifier. The handler's default, a self-posting form, needs an inline script the provider's CSP refuses.
                oidc.ResponseMode = OpenIdConnectResponseMode.Query;
                oidc.SaveTokens = true;
                oidc.MapInboundClaims = false;
                oidc.GetClaimsFromUserInfoEndpoint = true;
                oidc.Scope.Clear();
                foreach (var scope in Scopes)
                {
                    oidc.Scope.Add(scope);
                }

                oidc.CallbackPath = "/signin-oidc";
                oidc.SignedOutCallbackPath = "/signout-callback-oidc";
                oidc.SignedOutRedirectUri = "/account/signed-out";
                oidc.TokenValidationParameters.NameClaimType = "name";
                oidc.TokenValidationParameters.RoleClaimType = CareMeshUser.RoleClaimType;
                oidc.ClaimActions.MapUniqueJsonKey(authentication.RoleClaim, authentication.RoleClaim);
                oidc.ClaimActions.MapUniqueJsonKey(authentication.OrganisationClaim, authentication.OrganisationClaim);
                oidc.Events.OnTicketReceived = context =>
                {
                    // The same role and organisation claims the services derive from the access token.
                    SecurityExtensions.AddCareMeshClaims(context.Principal!, authentication);
                    context.Properties!.Items[SessionCheck.LastSeen] = DateTimeOffset.UtcNow.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
                    return Task.CompletedTask;
                };
                oidc.Events.OnRemoteFailure = context =>
                {
                    context.Response.Redirect("/account/sign-in-failed");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });

        // The gateway is the only way in: its X-Forwarded-Host and -Proto are the address users see, which the
        // provider's redirect addresses must name (http://localhost:5080/signin-oidc, not the web app's own port).
        builder.Services.PostConfigure<ForwardedHeadersOptions>(forwarded =>
            forwarded.ForwardedHeaders |= ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedProto);
    }

    public static void MapSignIn(this WebApplication app)
    {
        var account = app.MapGroup("/account");

        account.MapPost("/sign-out", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            await antiforgery.ValidateRequestAsync(context);
            var after = context.Request.Form["reason"] == "inactive" ? "/account/signed-out?inactive=true" : "/account/signed-out";
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignOutAsync(OpenIdConnectDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = after });
        });

        // The inactivity warning's "stay signed in": any request counts as activity (SessionCheck).
        account.MapPost("/keep-alive", () => TypedResults.NoContent());
    }
}
