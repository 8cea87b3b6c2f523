using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace CareMesh.Gateway.Tests;

/// <summary>Which limit an open route's caller gets: registered (by token or by network) or anonymous, per address.</summary>
public class OpenRouteConsumersTests
{
    private static readonly GatewayOptions Options = new()
    {
        PerAddress = new() { PermitLimit = 120, Window = TimeSpan.FromMinutes(1) },
        RegisteredConsumers = new() { PermitLimit = 1200, Window = TimeSpan.FromMinutes(1), Networks = ["203.0.113.0/24", "2001:db8::/48", "198.51.100.7"] },
    };

    [Theory]
    [InlineData("203.0.113.9", "registered:203.0.113.9", 1200)]
    [InlineData("::ffff:203.0.113.200", "registered:203.0.113.200", 1200)]
    [InlineData("2001:db8::5", "registered:2001:db8::5", 1200)]
    [InlineData("198.51.100.7", "registered:198.51.100.7", 1200)]
    [InlineData("198.51.100.8", "anonymous:198.51.100.8", 120)]
    [InlineData("192.0.2.1", "anonymous:192.0.2.1", 120)]
    public void An_address_is_registered_only_within_a_configured_network(string address, string key, int limit)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);

        var (actualKey, actualLimit) = new OpenRouteConsumers(Options).Classify(context);

        Assert.Equal((key, limit), (actualKey, actualLimit.PermitLimit));
    }

    [Fact]
    public void A_caller_with_a_validated_token_is_counted_per_client_wherever_it_calls_from()
    {
        var context = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "council-crawler")], "Bearer")) };
        context.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.1");

        var (key, limit) = new OpenRouteConsumers(Options).Classify(context);

        Assert.Equal(("client:council-crawler", 1200), (key, limit.PermitLimit));
    }
}
