using Microsoft.Extensions.Configuration;
using Yarp.ReverseProxy.Configuration;

namespace CareMesh.Gateway.Tests;

public class ServiceDiscoveryDestinationFilterTests
{
    private static readonly IConfiguration Discovery = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["services:referrals:http:0"] = "http://127.0.0.1:5101",
        ["services:referrals:http:1"] = "http://127.0.0.1:5201/",
    }).Build();

    [Fact]
    public async Task A_service_name_becomes_every_address_discovery_gives_for_it()
    {
        var cluster = await Filter(new ClusterConfig
        {
            ClusterId = "referrals",
            Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = "http://referrals" } },
        });

        Assert.Equal(
            ["http://127.0.0.1:5101", "http://127.0.0.1:5201"],
            cluster.Destinations!.Values.Select(d => d.Address).Order());
    }

    [Theory]
    [InlineData("http://meetings")] // nothing discovered for it
    [InlineData("http://referrals.example.nhs.uk")] // a real host name
    [InlineData("http://referrals:8080")] // an explicit port means a real address
    public async Task Other_addresses_are_used_as_written(string address)
    {
        var cluster = await Filter(new ClusterConfig
        {
            ClusterId = "c",
            Destinations = new Dictionary<string, DestinationConfig> { ["d"] = new() { Address = address } },
        });

        Assert.Equal(address, Assert.Single(cluster.Destinations!.Values).Address);
    }

    private static ValueTask<ClusterConfig> Filter(ClusterConfig cluster) =>
        new ServiceDiscoveryDestinationFilter(Discovery).ConfigureClusterAsync(cluster, CancellationToken.None);
}
