using CareMesh.AppHost.Configuration;

namespace CareMesh.AppHost.Tests;

public class ServiceEnvironmentTests
{
    private static readonly AppHostOptions Options = new()
    {
        PostgresConnectionString = "Host=db.local;Port=5433;Username=u;Password=p",
        MessagingConnectionString = "amqp://u:p@mq.local:5673/caremesh",
        GatewayPort = 5090,
        DatabaseSuffix = "_e2e",
        EnvironmentName = "Development",
        DevelopmentKeyFile = "/repo/.caremesh/dev-signing-key.pem",
    };

    private static readonly Dictionary<string, string> Endpoints = new()
    {
        ["referrals"] = "http://127.0.0.1:6001",
        ["careplans"] = "http://127.0.0.1:6002",
        ["directory"] = "http://127.0.0.1:6003",
        ["meetings"] = "http://127.0.0.1:6004",
        ["gateway"] = "http://localhost:5090",
    };

    private static IReadOnlyDictionary<string, string> EnvironmentOf(string resource, AppHostOptions options)
    {
        var graph = CareMeshTopology.Build(ProjectCatalog.Embedded, options);
        var inputs = new EnvironmentInputs(options, InfrastructureConnections.Resolve(options), Endpoints, RunId: "run1");
        return ServiceEnvironment.For(graph[resource], inputs);
    }

    [Fact]
    public void A_service_gets_its_own_database_the_broker_its_references_and_its_url()
    {
        var expected = new Dictionary<string, string>
        {
            ["ConnectionStrings__referralsdb"] = "Host=db.local;Port=5433;Username=u;Password=p;Database=referralsdb_e2e",
            ["ConnectionStrings__messaging"] = "amqp://u:p@mq.local:5673/caremesh",
            ["services__directory__http__0"] = "http://127.0.0.1:6003",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:6001",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["Authentication__DevelopmentKeyFile"] = "/repo/.caremesh/dev-signing-key.pem",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["OTEL_SERVICE_NAME"] = "referrals",
            ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=referrals-run1",
        };

        Assert.Equal(expected, EnvironmentOf("referrals", Options));
    }

    [Fact]
    public void The_gateway_finds_all_four_services_runs_socket_completions_inline_and_gets_no_connection_string()
    {
        var expected = new Dictionary<string, string>
        {
            ["services__referrals__http__0"] = "http://127.0.0.1:6001",
            ["services__careplans__http__0"] = "http://127.0.0.1:6002",
            ["services__directory__http__0"] = "http://127.0.0.1:6003",
            ["services__meetings__http__0"] = "http://127.0.0.1:6004",
            ["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1",
            ["ASPNETCORE_URLS"] = "http://localhost:5090",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["Authentication__DevelopmentKeyFile"] = "/repo/.caremesh/dev-signing-key.pem",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["OTEL_SERVICE_NAME"] = "gateway",
            ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=gateway-run1",
        };

        Assert.Equal(expected, EnvironmentOf("gateway", Options));
    }

    [Fact]
    public void Without_a_suffix_the_database_keeps_its_own_name()
    {
        var environment = EnvironmentOf("meetings", Options with { DatabaseSuffix = "" });

        Assert.Equal("Host=db.local;Port=5433;Username=u;Password=p;Database=meetingsdb", environment["ConnectionStrings__meetingsdb"]);
        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
            && key is not ("ConnectionStrings__meetingsdb" or "ConnectionStrings__messaging"));
    }

    [Fact]
    public void Without_an_otlp_endpoint_no_exporter_variable_is_set()
    {
        var environment = EnvironmentOf("directory", Options);

        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("OTEL_EXPORTER_", StringComparison.Ordinal)
            || key is "OTEL_BSP_SCHEDULE_DELAY" or "OTEL_BLRP_SCHEDULE_DELAY" or "OTEL_METRIC_EXPORT_INTERVAL");
    }

    [Fact]
    public void An_otlp_endpoint_turns_the_exporter_on_and_in_development_exports_every_second()
    {
        var environment = EnvironmentOf("directory", Options with { OtlpEndpoint = "http://localhost:4318" });

        Assert.Equal("http://localhost:4318", environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("http/protobuf", environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Equal("1000", environment["OTEL_BSP_SCHEDULE_DELAY"]);
        Assert.Equal("1000", environment["OTEL_BLRP_SCHEDULE_DELAY"]);
        Assert.Equal("1000", environment["OTEL_METRIC_EXPORT_INTERVAL"]);
        Assert.Equal("Information", environment[ServiceEnvironment.RequestLogLevelKey]);
        Assert.False(environment.ContainsKey("OTEL_EXPORTER_OTLP_HEADERS"));
    }

    [Fact]
    public void The_dashboards_api_key_goes_to_every_exporter_as_a_header()
    {
        var environment = EnvironmentOf("gateway", Options with { OtlpEndpoint = "http://127.0.0.1:18890", OtlpHeaders = "x-otlp-api-key=k" });

        Assert.Equal("x-otlp-api-key=k", environment["OTEL_EXPORTER_OTLP_HEADERS"]);
    }

    [Fact]
    public void Outside_development_the_exporter_keeps_its_default_schedule()
    {
        var environment = EnvironmentOf("directory", Options with { OtlpEndpoint = "http://collector:4318", EnvironmentName = "Production" });

        Assert.Equal("http://collector:4318", environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("Production", environment["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("Production", environment["DOTNET_ENVIRONMENT"]);
        Assert.False(environment.ContainsKey("OTEL_BSP_SCHEDULE_DELAY"));
        Assert.False(environment.ContainsKey(ServiceEnvironment.RequestLogLevelKey));
    }

    [Fact]
    public void Without_connection_strings_the_development_servers_are_used_and_started()
    {
        var infrastructure = InfrastructureConnections.Resolve(new AppHostOptions());

        Assert.Equal("Host=127.0.0.1;Port=5432;Username=caremesh;Password=caremesh-dev", infrastructure.Postgres);
        Assert.Equal("amqp://caremesh:caremesh-dev@127.0.0.1:5672", infrastructure.Messaging);
        Assert.True(infrastructure.StartsInfrastructure);
    }

    [Fact]
    public void Server_addresses_are_read_from_the_connection_strings()
    {
        var infrastructure = InfrastructureConnections.Resolve(Options);

        Assert.Equal(("db.local", 5433), infrastructure.PostgresAddress);
        Assert.Equal(("mq.local", 5673), infrastructure.MessagingAddress);
        Assert.False(infrastructure.StartsInfrastructure);
        Assert.Equal(("h", 5432), InfrastructureConnections.Resolve(new AppHostOptions { PostgresConnectionString = "Server=h;Username=u" }).PostgresAddress);
        Assert.Equal(("h", 5672), InfrastructureConnections.Resolve(new AppHostOptions { MessagingConnectionString = "amqp://u:p@h/vhost" }).MessagingAddress);
    }

    [Fact]
    public void The_development_signing_key_is_handed_on_in_development_only()
    {
        var production = EnvironmentOf("gateway", Options with { EnvironmentName = "Production" });

        Assert.False(production.ContainsKey("Authentication__DevelopmentKeyFile"));
    }
}
