using System.Net;
using CareMesh.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Yarp.ReverseProxy.Configuration;

namespace CareMesh.Gateway.Tests;

/// <summary>Every route in the gateway's configuration, and who it lets through.</summary>
public partial class RouteSecurityTests(ServiceBackends backends) : IClassFixture<ServiceBackends>
{
    private static readonly string[] OpenPrefixes = ["/oruk/", "/openapi/", "/calendar/", "/identity/"];

    /// <summary>Who each public prefix is for (ARCHITECTURE.md's public surface): the configuration must say the same.</summary>
    private static readonly Dictionary<string, string> IntendedPolicy = new()
    {
        ["/api/referrals/"] = CareMeshPolicies.Staff,
        ["/api/caseload/"] = CareMeshPolicies.Staff,
        ["/api/onward-referrals/"] = CareMeshPolicies.OnwardReferrals,
        ["/api/care-plans/"] = CareMeshPolicies.Staff,
        ["/api/directory/"] = CareMeshPolicies.Directory,
        // Whole feeds, larger and slower than any other request: a route of their own, for the PCN's team only.
        ["/api/directory/imports/"] = CareMeshPolicies.DirectoryAdministration,
        ["/oruk/"] = CareMeshPolicies.Anonymous,
        ["/api/meetings/"] = CareMeshPolicies.Staff,
        ["/api/meeting-series/"] = CareMeshPolicies.Staff,
        ["/api/actions/"] = CareMeshPolicies.Staff,
        // A calendar client cannot send a token: the secret in the link is the credential (Meetings checks it).
        ["/calendar/"] = CareMeshPolicies.Anonymous,
        ["/openapi/"] = CareMeshPolicies.Anonymous,
        // The identity provider: where people sign in and clients get their tokens, so before anyone has one.
        ["/identity/"] = CareMeshPolicies.Anonymous,
        // The workspace: open at the gateway (the web app itself requires sign-in, and sends people to it).
        ["/"] = CareMeshPolicies.Anonymous,
        // Any other API prefix is for staff unless a more specific one says otherwise.
        ["/api/"] = CareMeshPolicies.Staff,
    };

    [Fact]
    public void Each_route_names_the_policy_intended_for_its_prefix()
    {
        using var gateway = backends.Gateway();
        var routes = gateway.Services.GetRequiredService<IProxyConfigProvider>().GetConfig().Routes;

        foreach (var route in routes)
        {
            // The most specific prefix that matches decides.
            var prefix = IntendedPolicy.Keys.Where(p => route.Match.Path!.StartsWith(p, StringComparison.Ordinal)).MaxBy(p => p.Length);
            Assert.True(prefix is not null, $"{route.RouteId} ({route.Match.Path}) has no intended policy");
            Assert.True(IntendedPolicy[prefix] == route.AuthorizationPolicy, $"{route.RouteId}: {route.AuthorizationPolicy}, intended {IntendedPolicy[prefix]}");
        }

        Assert.All(IntendedPolicy.Keys, prefix => Assert.Contains(routes, r => r.Match.Path!.StartsWith(prefix, StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_open_route_is_limited_per_address()
    {
        using var gateway = backends.Gateway();
        var routes = gateway.Services.GetRequiredService<IProxyConfigProvider>().GetConfig().Routes;

        // Without a user to count against, the caller's address is the only limit (a calendar link's secret cannot be guessed at speed);
        // the workspace's pages and assets, the provider's sign-in pages and its back channel each have a limit of their own, per address too.
        Assert.All(routes.Where(r => r.AuthorizationPolicy == CareMeshPolicies.Anonymous),
            route => Assert.True(route.RateLimiterPolicy == route.ClusterId switch
                {
                    "web" => RateLimitPolicies.Workspace,
                    "identity" => BackChannel.Any(path => route.Match.Path!.StartsWith(path, StringComparison.Ordinal))
                        ? RateLimitPolicies.IdentityBackChannel
                        : RateLimitPolicies.SignIn,
                    _ => RateLimitPolicies.PerAddress,
                },
                $"{route.RouteId}: {route.RateLimiterPolicy}"));
        Assert.Contains(routes, r => r.RouteId == "calendar" && r.Match.Methods!.SequenceEqual(["GET", "HEAD"]));
    }

    /// <summary>The provider's endpoints that clients and servers call rather than people's browsers.</summary>
    private static readonly string[] BackChannel = ["/identity/connect/", "/identity/.well-known/"];

    [Fact]
    public async Task Every_route_refuses_bad_tokens_and_roles_its_policy_does_not_name()
    {
        using var gateway = backends.Gateway();
        var client = gateway.CreateClient();
        var routes = gateway.Services.GetRequiredService<IProxyConfigProvider>().GetConfig().Routes;
        Assert.NotEmpty(routes);

        foreach (var route in routes)
        {
            var path = RouteParameter().Replace(route.Match.Path!, parameter => parameter.Value == "{**rest}" ? "x" : "token");
            var method = new HttpMethod(route.Match.Methods?.First() ?? "GET");
            var open = OpenPrefixes.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal)) || route.ClusterId == "web";
            Assert.Equal(open, route.AuthorizationPolicy == CareMeshPolicies.Anonymous);
            if (open)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.SendWithTokenAsync(method, path, null)).StatusCode);
                continue;
            }

            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendWithTokenAsync(method, path, null)).StatusCode);
            foreach (var (kind, token) in TestTokens.Refused())
            {
                var refused = await client.SendWithTokenAsync(method, path, token);
                Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"{route.RouteId} with a {kind} token: {refused.StatusCode}");
            }

            var allowed = CareMeshPolicies.Roles[route.AuthorizationPolicy!];
            foreach (var role in CareMeshRoles.All.Except(allowed).Append("receptionist"))
            {
                var refused = await client.SendWithTokenAsync(method, path, TestServers.TokenFor(role));
                Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{route.RouteId} as {role}: {refused.StatusCode}");
                Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            }

            foreach (var role in allowed)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.SendWithTokenAsync(method, path, TestServers.TokenFor(role))).StatusCode);
            }
        }
    }

    [Fact]
    public void A_route_that_names_no_policy_stops_the_gateway_from_starting()
    {
        using var gateway = backends.Gateway(builder => builder.UseSetting("ReverseProxy:Routes:careless:ClusterId", "referrals")
            .UseSetting("ReverseProxy:Routes:careless:Match:Path", "/api/careless/{**rest}"));

        var failure = Assert.ThrowsAny<Exception>(() => gateway.CreateClient());

        Assert.Contains("careless", failure.ToString());
    }

    [Fact]
    public async Task Health_answers_without_a_token()
    {
        using var gateway = backends.Gateway();

        Assert.Equal(HttpStatusCode.OK, (await gateway.CreateClient().GetAsync("/health")).StatusCode);
    }

    /// <summary>A route's parameter: the catch-all, or the back channel's endpoint name (a word its constraint accepts stands in).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\{[^}]*\}")]
    private static partial System.Text.RegularExpressions.Regex RouteParameter();
}
