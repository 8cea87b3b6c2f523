using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace CareMesh.Testing;

/// <summary>
/// Walks every endpoint a service maps and proves who gets in: every bad token is refused with 401,
/// roles outside the endpoint's policy get 403, and only the endpoints listed as open answer without
/// a token.
/// </summary>
public static partial class EndpointSecurity
{
    /// <summary>What every service serves besides its features, and who each is for.</summary>
    public static readonly IReadOnlyDictionary<string, string> Common = new Dictionary<string, string>
    {
        ["/health"] = CareMeshPolicies.Anonymous,
        ["/alive"] = CareMeshPolicies.Anonymous,
        ["/openapi/"] = CareMeshPolicies.Anonymous,
        ["/internal/"] = CareMeshPolicies.Operations,
    };

    public sealed record GuardedEndpoint(string Method, string Pattern, string Url, string[]? Roles, bool Anonymous);

    public static IReadOnlyList<GuardedEndpoint> Endpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint =>
            {
                var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
                var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
                var policy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
                var roles = policy is null ? null : CareMeshPolicies.Roles[policy];
                return methods.Where(m => m != "OPTIONS").Select(method => new GuardedEndpoint(method, pattern, SampleUrl(pattern), roles, anonymous));
            })
            .ToList();

    /// <param name="intended">
    /// The service's own path prefixes and the policy intended for each (beside <see cref="Common"/>). A key
    /// may start with a method (<c>"PUT /api/directory"</c>); the longest key that matches an endpoint decides.
    /// </param>
    public static async Task AssertEveryEndpointIsGuardedAsync(IServiceProvider services, HttpClient client, IReadOnlyDictionary<string, string> intended)
    {
        var endpoints = Endpoints(services);
        Assert.NotEmpty(endpoints);
        var policies = Common.Concat(intended).ToList();
        var refused = TestTokens.Refused();
        foreach (var endpoint in endpoints)
        {
            var (prefix, policy) = policies
                .Where(p => endpoint.Pattern.StartsWith(p.Key, StringComparison.Ordinal) || $"{endpoint.Method} {endpoint.Pattern}".StartsWith(p.Key, StringComparison.Ordinal))
                .MaxBy(p => p.Key.Length);
            Assert.True(prefix is not null, $"{endpoint.Method} {endpoint.Pattern} has no intended policy");
            var open = policy == CareMeshPolicies.Anonymous;
            Assert.True(endpoint.Anonymous == open, $"{endpoint.Method} {endpoint.Pattern}: anonymous is {endpoint.Anonymous}, intended {policy} for {prefix}");
            Assert.True(open || endpoint.Roles == CareMeshPolicies.Roles[policy], $"{endpoint.Method} {endpoint.Pattern} does not name the {policy} policy intended for {prefix}");
            if (open)
            {
                Assert.NotEqual(HttpStatusCode.Unauthorized, (await SendAsync(client, endpoint, token: null)).StatusCode);
                continue;
            }

            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, endpoint, token: null)).StatusCode);
            foreach (var (kind, token) in refused)
            {
                var response = await SendAsync(client, endpoint, token);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{endpoint.Method} {endpoint.Pattern} with a {kind} token: {response.StatusCode}");
            }

            // A role the provider knows but CareMesh does not map: authenticated, never authorised.
            var allowed = endpoint.Roles ?? [.. CareMeshRoles.All];
            foreach (var role in CareMeshRoles.All.Except(allowed).Append("receptionist"))
            {
                var response = await SendAsync(client, endpoint, TestServers.TokenFor(role));
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{endpoint.Method} {endpoint.Pattern} as {role}: {response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }

            foreach (var role in allowed)
            {
                var response = await SendAsync(client, endpoint, TestServers.TokenFor(role));
                Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                    $"{endpoint.Method} {endpoint.Pattern} as {role}: {response.StatusCode}");
            }
        }
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, GuardedEndpoint endpoint, string? token) =>
        client.SendWithTokenAsync(new HttpMethod(endpoint.Method), endpoint.Url, token,
            endpoint.Method is "POST" or "PUT" or "PATCH" ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : null);

    /// <summary>A concrete URL for a route pattern: a new GUID for guid parameters, "x" for others.</summary>
    private static string SampleUrl(string pattern) =>
        Parameter().Replace(pattern, match =>
            match.Value.Contains(":guid") ? Guid.NewGuid().ToString()
            : match.Value.Contains(":int") ? "1"
            // A parameter constrained to one literal value (regex(^oruk$)) takes that value.
            : OneValue().Match(match.Value) is { Success: true } one ? one.Groups[1].Value
            : match.Value.Contains("documentName") ? "v1" : "x");

    [GeneratedRegex(@"regex\(\^(\w+)\$\)")]
    private static partial Regex OneValue();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
