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
    [InlineData("/identity/account/login?ReturnUrl=%2Fidentity%2Fconnect%2Fauthorize", "identity")]
    [InlineData("/identity/connect/authorize?client_id=caremesh-web", "identity")]
    [InlineData("/identity/connect/token", "identity")]
    [InlineData("/identity/.well-known/openid-configuration", "identity")]
    [InlineData("/identity/.well-known/jwks", "identity")]
    [InlineData("/", "web")]
    [InlineData("/caseload?sort=urgency", "web")]
    [InlineData("/referrals/0b7c", "web")]
    [InlineData("/signin-oidc", "web")]
    [InlineData("/signout-callback-oidc", "web")]
    [InlineData("/_framework/blazor.web.js", "web")]
    [InlineData("/_blazor/negotiate", "web")]
    public async Task Each_public_prefix_reaches_its_service_with_path_and_query_intact(string path, string service)
    {
        using var gateway = backends.Gateway();

        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestServers.TokenFor(CareMeshRoles.CareCoordinator));

        var answer = await client.GetStringAsync(path);

        Assert.Equal($"{service} {path}", answer);
    }

    /// <summary>
    /// The workspace has the lowest-priority route: whatever no service's prefix claims goes to it (which
    /// requires sign-in and answers 404 for what it does not have), never to a service.
    /// </summary>
    [Theory]
    [InlineData("/api/referralsx")]
    [InlineData("/internal/outbox")]
    [InlineData("/api")]
    public async Task Paths_outside_the_services_public_prefixes_reach_the_workspace_not_a_service(string path)
    {
        using var gateway = backends.Gateway();

        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestServers.TokenFor(CareMeshRoles.Admin));

        var answer = await client.GetStringAsync(path);

        Assert.Equal($"web {path}", answer);
    }

    [Theory]
    [InlineData("/oruk/services")]
    [InlineData("/calendar/Zk3x9-secret_link.ics")]
    public async Task A_write_to_a_read_only_prefix_is_refused_not_passed_to_the_workspace(string path)
    {
        using var gateway = backends.Gateway();

        var response = await gateway.CreateClient().PostAsync(path, new StringContent("{}"));

        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.DoesNotContain("web", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gateways_own_endpoints_come_before_the_workspace()
    {
        using var gateway = backends.Gateway();

        var health = await gateway.CreateClient().GetAsync("/health");

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.DoesNotContain("web", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
