using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Scalar.AspNetCore;
using Yarp.ReverseProxy.Model;

namespace CareMesh.Gateway;

internal static class Extensions
{
    public static readonly string[] DocumentedServices = ["referrals", "careplans", "directory", "meetings"];

    public static void AddGateway(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(GatewayOptions.Section).GetSettings<GatewayOptions>();

        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<RouteAuthorizationRequired>()
            .AddConfigFilter<RouteBodyLimit>()
            .AddServiceDiscoveryDestinationResolver()
            .AddTransforms(HeaderHygiene.Apply);

        // The gateway only forwards and never blocks: a request runs on the I/O thread that read it
        // instead of waking a pool thread (the app host does the same for its calls to services).
        builder.Services.Configure<SocketTransportOptions>(sockets => sockets.UnsafePreferInlineScheduling = true);
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodySize;
        });
        // Enforced in the pipeline with problem details; Kestrel's own limits become a ceiling above them (RequestLimits).
        builder.Services.Configure<RequestLimitsOptions>(limits =>
        {
            limits.MaxRequestHeaderCount = options.MaxRequestHeaderCount;
            limits.MaxRequestHeadersTotalSize = options.MaxRequestHeadersTotalSize;
        });

        // The app host's ASPNETCORE_FORWARDEDHEADERS_ENABLED trusts any caller's X-Forwarded-For; at the
        // front door only configured proxies are believed, or client addresses (and limits) could be forged.
        builder.Services.PostConfigure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in options.TrustedProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            if (options.TrustedProxies.Length == 0)
            {
                forwarded.ForwardedHeaders = ForwardedHeaders.None;
            }
        });

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(RateLimitPolicies.PerUser, context => FixedWindow(
                context.User.UserId() ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown", options.PerUser));
            // Each counted per client address, apart from the others: a practice's sign-ins do not eat into its pages.
            foreach (var (policy, limit) in new[]
                     {
                         (RateLimitPolicies.Workspace, options.Workspace), (RateLimitPolicies.SignIn, options.SignIn),
                         (RateLimitPolicies.IdentityBackChannel, options.IdentityBackChannel),
                     })
            {
                limiter.AddPolicy(policy, context => FixedWindow($"{policy}:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}", limit));
            }

            var openRoutes = new OpenRouteConsumers(options);
            limiter.AddPolicy(RateLimitPolicies.PerAddress, context =>
            {
                var (key, limit) = openRoutes.Classify(context);
                return FixedWindow(key, limit);
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                await rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests.", Detail = "Wait for the time in Retry-After, then try again." },
                });
            };
        });

        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource("Yarp.ReverseProxy"));
    }

    public static void MapGateway(this WebApplication app)
    {
        app.UseRateLimiter();
        app.Use(TagRouteAndCluster);
        app.Use(RouteBodyLimit.ApplyAsync);
        app.MapReverseProxy();
        app.MapReadOnlyPrefixes();
        app.MapApiDocumentation();
    }

    /// <summary>
    /// The open feed and calendar links answer reads only. A write to them is refused here, so it does not fall
    /// through to the workspace's catch-all route (which would send it to sign-in).
    /// </summary>
    private static void MapReadOnlyPrefixes(this WebApplication app)
    {
        foreach (var prefix in new[] { "/oruk/{**rest}", "/calendar/{**rest}" })
        {
            app.MapMethods(prefix, [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete], (HttpContext context) =>
            {
                context.Response.Headers.Allow = "GET, HEAD";
                return TypedResults.Problem(statusCode: StatusCodes.Status405MethodNotAllowed, title: "This address is read-only.");
            }).AllowAnonymous();
        }
    }

    /// <summary>One page for every service's OpenAPI document (each fetched through its own gateway route).</summary>
    private static void MapApiDocumentation(this WebApplication app)
    {
        const string documentation = "/docs";
        // The documentation page runs a script and styles of its own; everything else stays 'none'.
        app.UseWhen(context => context.Request.Path.StartsWithSegments(documentation), page => page.Use((context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy =
                "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'";
            return next(context);
        }));
        app.MapScalarApiReference(documentation, scalar =>
        {
            scalar.WithTitle("CareMesh API");
            foreach (var service in DocumentedServices)
            {
                scalar.AddDocument(service, service, $"/openapi/{service}.json");
            }

            scalar.AddPreferredSecuritySchemes(["Bearer"]);
        }).AllowAnonymous();
    }

    /// <summary>The gateway's spans and request metrics say which route and cluster served a request.</summary>
    private static Task TagRouteAndCluster(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is { } route)
        {
            KeyValuePair<string, object?>[] tags = [new("caremesh.gateway.route", route.Config.RouteId), new("caremesh.gateway.cluster", route.Cluster?.ClusterId)];
            foreach (var tag in tags)
            {
                System.Diagnostics.Activity.Current?.SetTag(tag.Key, tag.Value);
                context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMetricsTagsFeature>()?.Tags.Add(tag);
            }
        }

        return next(context);
    }

    private static RateLimitPartition<string> FixedWindow(string key, GatewayOptions.RateLimit limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
        });
}
