using System.Net;
using System.Text.Json.Serialization;
using CareMesh.AppHost.Configuration;
using CareMesh.AppHost.Console;
using CareMesh.AppHost.Telemetry;
using CareMesh.Messaging.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CareMesh.AppHost.Dashboard;

/// <summary>The app host as a web application: CareMesh's resources supervised, and the dashboard watching them.</summary>
public static class DashboardExtensions
{
    /// <summary>Sent by the dashboard's own scripts with every action.</summary>
    public const string ActionHeader = "X-CareMesh-Dashboard";

    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>Everything from configuration: <c>CareMesh:*</c>, <c>CareMesh:Dashboard:*</c> and the connection strings.</summary>
    public static WebApplicationBuilder AddCareMeshAppHost(this WebApplicationBuilder builder) => builder.AddCareMeshAppHost(
        AppHostOptions.FromConfiguration(builder.Configuration, builder.Environment.EnvironmentName),
        DashboardOptions.FromConfiguration(builder.Configuration));

    public static WebApplicationBuilder AddCareMeshAppHost(this WebApplicationBuilder builder, AppHostOptions options, DashboardOptions dashboard)
    {
        // Unless told otherwise, the services send their telemetry to the dashboard, with its API key.
        var run = options.OtlpEndpoint is null
            ? options with { OtlpEndpoint = dashboard.OtlpHttpEndpoint, OtlpHeaders = dashboard.OtlpHeaders }
            : options;
        builder.Services.AddSingleton(_ => CareMeshApp.Create(run));
        builder.Services.AddSingleton(services => new ConsoleReporter(
            services.GetRequiredService<CareMeshApp>(), System.Console.Out, services.GetRequiredService<DashboardAccess>().LoginUrl));
        builder.Services.AddHostedService<AppHostWorker>();
        // Room for the gateway, then the services, each to stop within StopTimeout.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = run.StopTimeout * 3);
        return builder.AddDashboard(dashboard);
    }

    /// <summary>The dashboard and its OTLP receiver, for the <see cref="CareMeshApp"/> registered in the services.</summary>
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder, DashboardOptions dashboard)
    {
        builder.Services.AddSingleton(dashboard);
        builder.Services.AddSingleton<DashboardAccess>();
        builder.Services.AddSingleton<DashboardAssets>();
        builder.Services.AddSingleton(new TelemetryIngest(dashboard.Limits));
        builder.Services.AddSingleton(services =>
        {
            var app = services.GetRequiredService<CareMeshApp>();
            return BrokerQueues.For(InfrastructureConnections.ManagementApiFor(new Uri(app.Infrastructure.Messaging), app.Options.RabbitManagement));
        });
        builder.Services.AddGrpc();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            Listen(kestrel, dashboard.Host, dashboard.Port, HttpProtocols.Http1);
            Listen(kestrel, dashboard.Host, dashboard.OtlpHttpPort, HttpProtocols.Http1);
            // gRPC without TLS needs HTTP/2 from the first byte, so it has a port of its own.
            Listen(kestrel, dashboard.Host, dashboard.OtlpGrpcPort, HttpProtocols.Http2);
        });
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        var dashboard = app.Services.GetRequiredService<DashboardOptions>();
        var access = app.Services.GetRequiredService<DashboardAccess>();

        // Each port serves only its own: the page and its APIs, or OTLP. Telemetry needs no login
        // (services on this machine send it); the page and its APIs need a session.
        app.Use((HttpContext context, RequestDelegate next) =>
        {
            var onDashboardPort = context.Connection.LocalPort == dashboard.Port;
            if (onDashboardPort == IsOtlp(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            if (onDashboardPort)
            {
                return GuardAsync(context, next, access);
            }

            // gRPC reads a 401 as Unauthenticated, so one check serves both OTLP transports.
            return dashboard.OtlpApiKey is null || DashboardAccess.IsSame(context.Request.Headers[DashboardOptions.OtlpApiKeyHeader], dashboard.OtlpApiKey)
                ? next(context)
                : Problem(context, StatusCodes.Status401Unauthorized, $"OTLP senders must give this app host's key in the {DashboardOptions.OtlpApiKeyHeader} header.");
        });
        app.UseStatusCodePages();

        app.MapOtlpHttp();
        app.MapGrpcService<OtlpTraceService>();
        app.MapGrpcService<OtlpLogsService>();
        app.MapGrpcService<OtlpMetricsService>();

        app.MapLoginApi();
        app.MapGet("/", (HttpContext context, DashboardAssets assets) => assets.Serve(context, "index.html"));
        app.MapGet("/assets/{**path}", (HttpContext context, DashboardAssets assets, string path) => assets.Serve(context, $"assets/{path}"));
        app.MapResourcesApi();
        app.MapTelemetryApi();
        app.MapMessagingApi();
        app.MapLiveApi();
        return app;
    }

    private static bool IsOtlp(HttpRequest request) =>
        request.Path.StartsWithSegments("/v1")
        || request.Path.Value?.StartsWith("/opentelemetry.proto.collector.", StringComparison.Ordinal) == true;

    private static Task GuardAsync(HttpContext context, RequestDelegate next, DashboardAccess access)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";

        var path = context.Request.Path;
        if (path.StartsWithSegments("/login") || path.StartsWithSegments("/assets"))
        {
            return next(context);
        }

        headers.CacheControl = "no-store";
        var isApi = path.StartsWithSegments("/api");
        if (!access.IsSignedIn(context))
        {
            if (!isApi)
            {
                context.Response.Redirect("/login");
                return Task.CompletedTask;
            }

            return Problem(context, StatusCodes.Status401Unauthorized, "Sign in first: open the login link the app host printed at start.");
        }

        // SameSite=Strict keeps the cookie off other sites' requests; a header no form can send makes sure.
        if (isApi && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            && context.Request.Headers[ActionHeader] != "1")
        {
            return Problem(context, StatusCodes.Status403Forbidden, $"Actions must carry the {ActionHeader} header the dashboard's page sends.");
        }

        return next(context);
    }

    private static Task Problem(HttpContext context, int status, string detail) =>
        TypedResults.Problem(detail, statusCode: status).ExecuteAsync(context);

    private static void Listen(KestrelServerOptions kestrel, string host, int port, HttpProtocols protocols)
    {
        if (host == "localhost")
        {
            kestrel.ListenLocalhost(port, listen => listen.Protocols = protocols);
        }
        else
        {
            kestrel.Listen(host is "*" or "+" ? IPAddress.Any : IPAddress.Parse(host), port, listen => listen.Protocols = protocols);
        }
    }
}
