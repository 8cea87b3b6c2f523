using CareMesh.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CareMesh.Gateway.Tests;

/// <summary>The local signing key stands in for the identity provider on a developer's machine, and nowhere else.</summary>
public class DevelopmentKeyTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Outside_development_the_gateway_refuses_to_start_with_the_development_key(string environment)
    {
        using var gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("Authentication:DevelopmentKeyFile", TestServers.DevelopmentKeyFile);
            builder.UseSetting("Authentication:Authority", "https://login.example.nhs.uk");
        });

        var failure = Assert.ThrowsAny<Exception>(() => gateway.CreateClient());

        Assert.Contains("Development", failure.ToString());
    }

    [Fact]
    public void Outside_development_an_identity_provider_is_required()
    {
        using var gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder.UseEnvironment("Production"));

        var failure = Assert.ThrowsAny<Exception>(() => gateway.CreateClient());

        Assert.Contains("Authentication:Authority", failure.ToString());
    }
}
