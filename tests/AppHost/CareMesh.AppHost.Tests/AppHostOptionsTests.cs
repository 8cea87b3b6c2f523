using CareMesh.AppHost.Configuration;
using Microsoft.Extensions.Configuration;

namespace CareMesh.AppHost.Tests;

public class AppHostOptionsTests
{
    private static AppHostOptions Map(Dictionary<string, string?> values, string environment = "Development") =>
        AppHostOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), environment);

    [Fact]
    public void Configuration_keys_map_onto_the_options()
    {
        var options = Map(new()
        {
            ["ConnectionStrings:postgres"] = "Host=127.0.0.1;Port=5432;Username=caremesh;Password=caremesh-dev",
            ["ConnectionStrings:messaging"] = "amqp://caremesh:caremesh-dev@127.0.0.1:5672/e2e",
            ["CareMesh:GatewayPort"] = "5090",
            ["CareMesh:DatabaseSuffix"] = "_e2e",
            ["CareMesh:OtlpEndpoint"] = "http://localhost:4318",
            ["CareMesh:StopTimeout"] = "00:00:03",
        }, environment: "Staging");

        Assert.Equal("Host=127.0.0.1;Port=5432;Username=caremesh;Password=caremesh-dev", options.PostgresConnectionString);
        Assert.Equal("amqp://caremesh:caremesh-dev@127.0.0.1:5672/e2e", options.MessagingConnectionString);
        Assert.Equal(5090, options.GatewayPort);
        Assert.Equal("_e2e", options.DatabaseSuffix);
        Assert.Equal("http://localhost:4318", options.OtlpEndpoint);
        Assert.Equal(TimeSpan.FromSeconds(3), options.StopTimeout);
        Assert.Equal("Staging", options.EnvironmentName);
    }

    [Fact]
    public void Missing_or_blank_keys_leave_the_defaults()
    {
        var options = Map(new() { ["ConnectionStrings:postgres"] = " ", ["CareMesh:OtlpEndpoint"] = "" });

        Assert.Equal(new AppHostOptions { DevelopmentKeyFile = options.DevelopmentKeyFile }, options);
        Assert.Null(options.PostgresConnectionString);
        Assert.Equal(5080, options.GatewayPort);
        Assert.Equal("", options.DatabaseSuffix);
        Assert.Null(options.OtlpEndpoint);
    }

    [Fact]
    public void The_development_key_lives_in_the_repository_s_ignored_folder_in_development_only()
    {
        var development = Map(new());
        var production = Map(new() { ["CareMesh:DevelopmentKeyFile"] = "/tmp/key.pem" }, "Production");

        Assert.EndsWith(Path.Combine(".caremesh", "dev-signing-key.pem"), development.DevelopmentKeyFile);
        Assert.Null(production.DevelopmentKeyFile);
    }
}
