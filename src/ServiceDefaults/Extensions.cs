using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every CareMesh process shares: telemetry, health, service discovery, resilient HTTP clients
/// and problem details. Mirrors .NET Aspire's ServiceDefaults so services run unchanged under it.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>Health checks tagged "ready" decide <c>/health</c>; "live" ones decide <c>/alive</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>The open directory feed: any origin may read it (Open Referral UK asks for <c>Access-Control-Allow-Origin: *</c>).</summary>
    public const string OpenFeedCorsPolicy = "open-feed";
    public const string LiveTag = "live";

    /// <summary>
    /// Paths whose next segment is itself a credential (a calendar feed's secret link, an account
    /// invitation's link, directly and behind the gateway's <c>/identity</c>): their requests are never
    /// traced, so the secret reaches no span, in the gateway or the service.
    /// </summary>
    public static readonly string[] SecretBearingPaths = ["/calendar", "/account/invitation", "/identity/account/invitation"];

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.Services.AddProblemDetails(options =>
            options.CustomizeProblemDetails = context =>
            {
                context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString()
                                                               ?? context.HttpContext.TraceIdentifier;
                if (context.ProblemDetails is HttpValidationProblemDetails validation)
                {
                    validation.Errors = ProblemFields.ToJsonNames(validation.Errors);
                }
            });
        builder.Services.AddExceptionHandler<UnhandledExceptionHandler>();
        // Unreadable bodies surface as exceptions so the handler can say what was wrong with them.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
            // One text policy for every string a request carries (TextPolicy), and no silently doubled fields.
            options.SerializerOptions.Converters.Add(new SafeTextJsonConverter());
            options.SerializerOptions.AllowDuplicateProperties = false;
        });
        builder.Services.AddSingleton<WorkingCalendar>();
        builder.Services.AddOptions<WorkingTimeOptions>().BindSettings(WorkingTimeOptions.Section);
        builder.Services.AddCareMeshOpenApi("v1");
        builder.AddCareMeshAuthentication();
        builder.Services.AddCors(cors => cors.AddPolicy(OpenFeedCorsPolicy, policy => policy
            .AllowAnyOrigin()
            .WithMethods("GET", "HEAD", "OPTIONS")
            .AllowAnyHeader()));
        // No server banner: it only tells an attacker what to try.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddRequestLimits(builder.Configuration);
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // CareMesh's own instruments all live under "CareMesh.*" (outbox backlog, domain counters).
                .AddMeter("MassTransit", "Npgsql", "CareMesh.*"))
            .WithTracing(tracing => tracing
                .SetSampler(UntracedBackgroundCalls.Sampler)
                .AddSource(builder.Environment.ApplicationName, "MassTransit", "CareMesh.*")
                .AddAspNetCoreInstrumentation(aspnet =>
                    // Load balancers poll health every few seconds: those requests would drown real traces.
                    aspnet.Filter = context => !IsHealthRequest(context.Request.Path) && !CarriesSecret(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql());

        // The exporter is on only where a collector is named, as under Aspire.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// An OpenAPI document (served at <c>/openapi/{name}.json</c>) built as every CareMesh document is:
    /// the bearer scheme, schemas carrying the validation rules, and the endpoints' examples.
    /// <paramref name="configure"/> may narrow it, e.g. to one public part of a service.
    /// </summary>
    public static IServiceCollection AddCareMeshOpenApi(this IServiceCollection services, string documentName, Action<Microsoft.AspNetCore.OpenApi.OpenApiOptions>? configure = null) =>
        services.AddOpenApi(documentName, openApi =>
        {
            openApi.AddDocumentTransformer<BearerSecurityScheme>();
            openApi.AddSchemaTransformer<ValidationSchemaTransformer>();
            openApi.AddOperationTransformer<RefusalsOperationTransformer>();
            openApi.AddOperationTransformer<ExamplesOperationTransformer>();
            configure?.Invoke(openApi);
        });

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseRequestLimits();
        app.UseExceptionHandler();
        app.Use(Idempotency.BufferKeyedBodies);
        // Empty error answers (401 and 403 from authentication, 404, 405...) become problem details.
        app.UseStatusCodePages();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization, so a caller who may not call an endpoint learns nothing from its query's faults.
        app.Use(QueryTextPolicy.ApplyAsync);

        // Health answers in every environment, without a token: the app host and load balancers depend on it.
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag) || check.Tags.Contains(LiveTag),
        }).AllowAnonymous();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
        }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        return app;
    }

    public static bool CarriesSecret(PathString path) => SecretBearingPaths.Any(prefix => path.StartsWithSegments(prefix));

    private static bool IsHealthRequest(PathString path) =>
        path.StartsWithSegments(HealthEndpointPath) || path.StartsWithSegments(AlivenessEndpointPath);
}
