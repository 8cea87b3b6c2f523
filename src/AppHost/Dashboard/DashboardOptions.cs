using CareMesh.AppHost.Telemetry;
using Microsoft.Extensions.Configuration;

namespace CareMesh.AppHost.Dashboard;

/// <summary>
/// Where the dashboard and its OTLP receiver listen (<c>CareMesh:Dashboard:*</c>). The ports follow
/// Aspire's dashboard: the page on 18888, OTLP over gRPC on 18889 and over HTTP/protobuf on 18890.
/// </summary>
public sealed record DashboardOptions
{
    /// <summary>The address to bind: loopback by default, so only this machine reaches the dashboard.</summary>
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 18888;

    public int OtlpGrpcPort { get; init; } = 18889;

    public int OtlpHttpPort { get; init; } = 18890;

    /// <summary>The login token; none: a new random one each run, printed at start.</summary>
    public string? BrowserToken { get; init; }

    /// <summary>
    /// What an OTLP sender must show in the <c>x-otlp-api-key</c> header; none: the receiver takes telemetry
    /// from anyone who reaches it. From configuration it is a new random one each run unless given.
    /// </summary>
    public string? OtlpApiKey { get; init; }

    public TelemetryLimits Limits { get; init; } = new();

    /// <summary>The header the services' exporters send, as <c>OTEL_EXPORTER_OTLP_HEADERS</c> takes it.</summary>
    public string? OtlpHeaders => OtlpApiKey is { } key ? $"{OtlpApiKeyHeader}={key}" : null;

    public const string OtlpApiKeyHeader = "x-otlp-api-key";

    public string Url => $"http://{ReachableHost}:{Port}";

    /// <summary>Where the services send telemetry: OTLP over HTTP/protobuf, as the app host configures their exporters.</summary>
    public string OtlpHttpEndpoint => $"http://{ReachableHost}:{OtlpHttpPort}";

    // A wildcard bind is still reached through loopback from this machine.
    private string ReachableHost => Host is "0.0.0.0" or "::" or "*" or "+" ? "127.0.0.1" : Host;

    public static DashboardOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("CareMesh:Dashboard");
        var defaults = new DashboardOptions();
        var limits = section.GetSection("Limits").Get<TelemetryLimits>() ?? defaults.Limits;
        limits.Validate();
        return new DashboardOptions
        {
            Host = section["Host"] is { Length: > 0 } host ? host : defaults.Host,
            Port = section.GetValue("Port", defaults.Port),
            OtlpGrpcPort = section.GetValue("OtlpGrpcPort", defaults.OtlpGrpcPort),
            OtlpHttpPort = section.GetValue("OtlpHttpPort", defaults.OtlpHttpPort),
            BrowserToken = section["BrowserToken"] is { Length: > 0 } token ? token : null,
            OtlpApiKey = section["OtlpApiKey"] is { Length: > 0 } key ? key : Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
            Limits = limits,
        };
    }
}
