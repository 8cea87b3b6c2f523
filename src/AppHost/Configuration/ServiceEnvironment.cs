using CareMesh.AppHost.Model;

namespace CareMesh.AppHost.Configuration;

/// <summary>What every resource's environment is computed from, fixed for the whole run.</summary>
/// <param name="HttpEndpoints">Each HTTP resource's URL, e.g. <c>http://127.0.0.1:41234</c>.</param>
/// <param name="RunId">Distinguishes this run's telemetry; the same across restarts of a process.</param>
public sealed record EnvironmentInputs(
    AppHostOptions Options,
    InfrastructureConnections Infrastructure,
    IReadOnlyDictionary<string, string> HttpEndpoints,
    string RunId);

/// <summary>
/// The variables the app host sets for a project's process, named as a .NET Aspire app host names
/// them, so every service runs unchanged under Aspire or Kubernetes.
/// </summary>
public static class ServiceEnvironment
{
    public const string RequestLogLevelKey = "Logging__OpenTelemetry__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics";

    public static IReadOnlyDictionary<string, string> For(ResourceDefinition resource, EnvironmentInputs inputs)
    {
        var options = inputs.Options;
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal);

        if (resource.Database is { } database)
        {
            environment[$"ConnectionStrings__{database}"] =
                $"{inputs.Infrastructure.Postgres.TrimEnd(';')};Database={database}{options.DatabaseSuffix}";
        }

        if (resource.UsesMessaging)
        {
            environment["ConnectionStrings__messaging"] = inputs.Infrastructure.Messaging;
        }

        foreach (var reference in resource.References)
        {
            environment[$"services__{reference}__http__0"] = inputs.HttpEndpoints[reference];
        }

        foreach (var (name, value) in resource.Environment)
        {
            environment[name] = value;
        }

        environment["ASPNETCORE_URLS"] = inputs.HttpEndpoints[resource.Name];
        environment["ASPNETCORE_ENVIRONMENT"] = options.EnvironmentName;
        environment["DOTNET_ENVIRONMENT"] = options.EnvironmentName;
        environment["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true";

        // The local key that stands in for the identity provider, in Development only.
        if (options.DevelopmentKeyFile is { } keyFile && options.IsDevelopment)
        {
            environment["Authentication__DevelopmentKeyFile"] = keyFile;
        }

        // One line per log entry, so captured output reads line by line in the console and dashboard.
        environment["Logging__Console__FormatterName"] = "simple";
        environment["Logging__Console__FormatterOptions__SingleLine"] = "true";

        environment["OTEL_SERVICE_NAME"] = resource.Name;
        environment["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={resource.Name}-{inputs.RunId}";
        if (options.OtlpEndpoint is { } otlpEndpoint)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint;
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
            if (options.OtlpHeaders is { } headers)
            {
                environment["OTEL_EXPORTER_OTLP_HEADERS"] = headers;
            }

            // Export within a second while developing; the delays only matter where something exports.
            if (options.IsDevelopment)
            {
                environment["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
                environment["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
                environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";

                // Each request's start and end as structured logs within its trace, so a trace on the dashboard
                // has its logs; for the exporter alone, the console stays as quiet as configured.
                environment[RequestLogLevelKey] = "Information";
            }
        }

        return environment;
    }
}
