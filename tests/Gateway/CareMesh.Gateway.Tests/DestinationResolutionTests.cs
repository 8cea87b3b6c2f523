using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace CareMesh.Gateway.Tests;

/// <summary>
/// The gateway's clusters name their destinations by service (<c>http://referrals</c>); the
/// service discovery configuration the app host injects (<c>services__referrals__http__0</c>) turns
/// them into addresses, through Microsoft.Extensions.ServiceDiscovery.Yarp as the gateway registers it.
/// </summary>
public class DestinationResolutionTests
{
    [Fact]
    public async Task A_service_name_becomes_every_address_discovery_gives_for_it()
    {
        var resolved = await ResolveAsync("http://referrals");

        Assert.Equal(["http://127.0.0.1:5101/", "http://127.0.0.1:5201/"], resolved.Order());
    }

    [Fact]
    public async Task A_real_host_name_is_used_as_written()
    {
        var resolved = await ResolveAsync("http://referrals.example.nhs.uk");

        Assert.Equal("http://referrals.example.nhs.uk/", Assert.Single(resolved));
    }

    private static async Task<List<string>> ResolveAsync(string address)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:referrals:http:0"] = "http://127.0.0.1:5101",
            ["services:referrals:http:1"] = "http://127.0.0.1:5201/",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddServiceDiscovery();
        services.AddReverseProxy().AddServiceDiscoveryDestinationResolver();
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IDestinationResolver>().ResolveDestinationsAsync(
            new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = address } }, CancellationToken.None);
        return [.. result.Destinations.Values.Select(destination => new Uri(destination.Address).ToString())];
    }
}
