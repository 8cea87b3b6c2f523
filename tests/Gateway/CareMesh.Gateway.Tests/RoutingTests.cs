using CareMesh.Testing;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Gateway.Tests;

/// <summary>The gateway's configured routes, forwarding for real to servers found through service discovery configuration.</summary>
public class RoutingTests(ServiceBackends backends) : IClassFixture<ServiceBackends>
{
    [Theory]
    [InlineData("/api/referrals", "referrals")]
    [InlineData("/api/referrals/0b7c/triage?x=1", "referrals")]
    [InlineData("/api/caseload", "referrals")]
    [InlineData("/api/onward-referrals/42", "referrals")]
    [InlineData("/api/care-plans?nhsNumber=9434765919", "careplans")]
    [InlineData("/api/directory/search", "directory")]
    [InlineData("/oruk/", "directory")]
    [InlineData("/oruk/services/abc", "directory")]
    [InlineData("/api/meetings", "meetings")]
    [InlineData("/api/meeting-series/1", "meetings")]
    [InlineData("/api/actions", "meetings")]
    [InlineData("/calendar/Zk3x9-secret_link.ics", "meetings")]
    public async Task Each_public_prefix_reaches_its_service_with_path_and_query_intact(string path, string service)
    {
        using var gateway = backends.Gateway();

        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestServers.TokenFor(CareMeshRoles.CareCoordinator));

        var answer = await client.GetStringAsync(path);

        Assert.Equal($"{service} {path}", answer);
    }

    [Theory]
    [InlineData("/api/referralsx")]
    [InlineData("/internal/outbox")]
    [InlineData("/api")]
    public async Task Paths_outside_the_public_surface_are_not_forwarded(string path)
    {
        using var gateway = backends.Gateway();

        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestServers.TokenFor(CareMeshRoles.Admin));

        var response = await client.GetAsync(path);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
