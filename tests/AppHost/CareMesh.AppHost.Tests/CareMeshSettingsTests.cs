using Microsoft.Extensions.Configuration;

namespace CareMesh.AppHost.Tests;

public class CareMeshSettingsTests
{
    private static CareMeshSettings From(params (string Key, string Value)[] values) => CareMeshSettings.From(
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());

    [Fact]
    public void By_default_the_app_host_runs_its_own_servers_beside_the_shared_ones()
    {
        var settings = From();

        Assert.Null(settings.PostgresConnectionString);
        Assert.Equal(new Uri("amqp://caremesh:caremesh-dev@127.0.0.1:5673"), settings.Messaging);
        Assert.Equal(new Uri("http://caremesh:caremesh-dev@127.0.0.1:15673/"), settings.ManagementApi);
        Assert.Equal(new Uri("http://localhost:5080/identity/"), settings.IdentityIssuer);
    }

    [Fact]
    public void A_given_broker_is_used_with_its_virtual_host_and_its_management_api_on_15672()
    {
        var settings = From(("ConnectionStrings:messaging", "amqp://ops:secret@mq.pcn.example:5672/caremesh"));

        Assert.Equal("caremesh", settings.MessagingVirtualHost);
        Assert.Equal(new Uri("http://ops:secret@mq.pcn.example:15672/"), settings.ManagementApi);
    }

    [Fact]
    public void The_identity_provider_is_named_at_the_gateways_address()
    {
        Assert.Equal(new Uri("http://localhost:6123/identity/"), From(("CareMesh:GatewayPort", "6123")).IdentityIssuer);
    }
}
