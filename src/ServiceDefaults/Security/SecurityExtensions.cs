using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Microsoft.Extensions.Hosting;

public static class SecurityExtensions
{
    /// <summary>Security events are logged under this category, never with the token itself.</summary>
    public const string SecurityLogCategory = "CareMesh.Security";

    /// <summary>
    /// Bearer tokens validated for signature (the keys in the provider's metadata),
    /// issuer, audience, lifetime and algorithm; the selected role mapped onto a CareMesh role; the
    /// role policies; and a fallback policy so an endpoint that states nothing needs a CareMesh user.
    /// </summary>
    public static IHostApplicationBuilder AddCareMeshAuthentication(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(CareMeshAuthenticationOptions.Section).GetSettings<CareMeshAuthenticationOptions>();
        var provider = ProviderMetadata.From(options, builder.Environment.IsDevelopment());

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.Authority = provider.Authority.AbsoluteUri;
            jwt.MetadataAddress = provider.Address.AbsoluteUri;
            jwt.RequireHttpsMetadata = provider.RequireHttps;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuer = options.Issuer,
                ValidateAudience = true,
                ValidAudience = options.Audience,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                ClockSkew = options.ClockSkew,
                ValidateIssuerSigningKey = true,
                RequireSignedTokens = true,
                ValidAlgorithms = options.AllowedAlgorithms,
                NameClaimType = "name",
                RoleClaimType = CareMeshUser.RoleClaimType,
            };
            if (options.RememberValidatedTokensFor > TimeSpan.Zero)
            {
                jwt.TokenHandlers.Clear();
                jwt.TokenHandlers.Add(new ValidatedTokenCache(
                    new JsonWebTokenHandler { MapInboundClaims = false }, TimeProvider.System, options.RememberValidatedTokensFor));
            }

            jwt.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    AddCareMeshClaims(context.Principal!, options);
                    return Task.CompletedTask;
                },
                OnAuthenticationFailed = context =>
                {
                    SecurityLog(context.HttpContext.RequestServices).LogWarning(
                        "Security: bearer token rejected for {Method} {Path} from {Address}: {Reason}",
                        context.Request.Method, context.Request.Path, context.HttpContext.Connection.RemoteIpAddress, context.Exception.GetType().Name);
                    return Task.CompletedTask;
                },
                OnChallenge = context =>
                {
                    // A rejected token was logged when it failed; this is a request that brought none.
                    if (context.AuthenticateFailure is null)
                    {
                        SecurityLog(context.HttpContext.RequestServices).LogInformation(
                            "Security: no bearer token for {Method} {Path} from {Address}",
                            context.Request.Method, context.Request.Path, context.HttpContext.Connection.RemoteIpAddress);
                    }

                    return Task.CompletedTask;
                },
                OnForbidden = context =>
                {
                    SecurityLog(context.HttpContext.RequestServices).LogWarning(
                        "Security: {User} ({Role}, {Organisation}) refused {Method} {Path}",
                        context.Principal?.UserId(), context.Principal?.Role(), context.Principal?.Organisation(),
                        context.Request.Method, context.Request.Path);
                    return Task.CompletedTask;
                },
            };
        });

        // After JwtBearer's own post-configuration, which made the configuration manager and its back channel.
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, provider.UseDocumentsFromMetadataAddress);

        builder.Services.AddAuthorization(authorization =>
        {
            foreach (var (policy, roles) in CareMeshPolicies.Roles)
            {
                authorization.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
            }

            // Deny by default: an endpoint that names no policy still needs a user with a CareMesh role.
            authorization.FallbackPolicy = new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .RequireRole(CareMeshRoles.All)
                .Build();
        });

        return builder;
    }

    /// <summary>Adds the CareMesh role (when the selected role maps onto one) and the organisation: for a bearer token, and for the workspace's sign-in.</summary>
    public static void AddCareMeshClaims(ClaimsPrincipal principal, CareMeshAuthenticationOptions options)
    {
        var identity = (ClaimsIdentity)principal.Identity!;
        var selected = principal.FindFirst(options.RoleClaim)?.Value;
        var role = selected is null ? null
            : options.RoleMap.TryGetValue(selected, out var mapped) ? mapped
            : CareMeshRoles.All.Contains(selected) ? selected
            : null;
        // No usable role: the user is authenticated but every policy refuses them (403).
        if (role is not null && CareMeshRoles.All.Contains(role))
        {
            identity.AddClaim(new Claim(CareMeshUser.RoleClaimType, role));
        }

        if (principal.FindFirst(options.OrganisationClaim)?.Value is { Length: > 0 } organisation)
        {
            identity.AddClaim(new Claim(CareMeshUser.OrganisationClaimType, organisation));
        }
    }

    private static ILogger SecurityLog(IServiceProvider services) =>
        services.GetRequiredService<ILoggerFactory>().CreateLogger(SecurityLogCategory);
}
