using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CareMesh.Testing;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Gateway.Tests;

/// <summary>Limits and header hygiene, through the real gateway process.</summary>
public class FrontDoorTests(GatewayProcess gateway) : IClassFixture<GatewayProcess>
{
    [Fact]
    public async Task A_user_over_their_rate_limit_gets_429_with_retry_after()
    {
        var token = TestServers.TokenFor(CareMeshRoles.LinkWorker, "Y00042");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 25 && refused is null; i++)
        {
            var response = await gateway.Client.SendWithTokenAsync(HttpMethod.Get, "/api/meetings", token);
            statuses.Add(response.StatusCode);
            refused = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.NotNull(refused);
        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) > 0);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        // Another user is not held back by the first one's limit.
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.SendWithTokenAsync(HttpMethod.Get, "/api/meetings", TestServers.TokenFor(CareMeshRoles.HealthCoach, "Y00043"))).StatusCode);
    }

    [Fact]
    public async Task A_registered_feed_consumer_calling_with_its_token_gets_the_higher_limit()
    {
        // Counted against the client, not the address: the anonymous callers sharing it keep their own limit.
        var token = TestServers.TokenFor(CareMeshRoles.Ops, "Y00060");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 61; i++)
        {
            statuses.Add((await gateway.Client.SendWithTokenAsync(HttpMethod.Get, "/oruk/services", token)).StatusCode);
        }

        Assert.Equal(60, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Sign_in_pages_and_the_providers_back_channel_have_limits_of_their_own()
    {
        // This process allows 10 sign-in page requests and 30 back-channel ones a minute per address.
        var pages = new List<HttpResponseMessage>();
        for (var i = 0; i < 11; i++)
        {
            pages.Add(await gateway.Client.GetAsync("/identity/account/login"));
        }

        Assert.Equal(10, pages.Count(page => page.StatusCode == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, pages[^1].StatusCode);
        Assert.True(int.Parse(pages[^1].Headers.GetValues("Retry-After").Single()) > 0);

        // The workspace's server exchanging codes and refreshing tokens is not held back by people signing in.
        var token = await gateway.Client.PostAsync("/identity/connect/token", new FormUrlEncodedContent([new("grant_type", "refresh_token")]));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal("identity /identity/connect/token", await token.Content.ReadAsStringAsync());
        var metadata = await gateway.Client.GetAsync("/identity/.well-known/openid-configuration");
        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
    }

    [Fact]
    public async Task The_identity_provider_is_told_the_public_address_it_was_reached_at()
    {
        var response = await gateway.Client.GetAsync("/identity/.well-known/jwks");

        var seen = response.Headers.Where(h => h.Key.StartsWith("X-Echo-", StringComparison.Ordinal))
            .ToDictionary(h => h.Key["X-Echo-".Length..], h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        // The host the caller named, not the provider's own address: the provider builds its pages' addresses from it.
        Assert.Equal(gateway.Client.BaseAddress!.Authority, seen["Host"]);
        Assert.Equal(gateway.Client.BaseAddress!.Authority, seen["X-Forwarded-Host"]);
        Assert.Equal("http", seen["X-Forwarded-Proto"]);
        Assert.Equal("127.0.0.1", seen["X-Forwarded-For"]);
    }

    [Fact]
    public async Task A_body_over_one_megabyte_gets_413()
    {
        var response = await gateway.Client.SendWithTokenAsync(HttpMethod.Post, "/api/referrals", TestServers.TokenFor(CareMeshRoles.CareCoordinator, "Y00050"),
            new StringContent(new string('x', 1024 * 1024 + 1), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_directory_import_may_send_a_whole_feed_file_and_only_there()
    {
        var lead = TestServers.TokenFor(CareMeshRoles.TeamLead, "Y00051");
        var feed = new string('x', 2 * 1024 * 1024);

        var import = await gateway.Client.SendWithTokenAsync(HttpMethod.Post, "/api/directory/imports/file", lead, new StringContent(feed, Encoding.UTF8, "application/json"));
        var elsewhere = await gateway.Client.SendWithTokenAsync(HttpMethod.Post, "/api/directory/services", lead, new StringContent(feed, Encoding.UTF8, "application/json"));
        var byCoordinator = await gateway.Client.SendWithTokenAsync(HttpMethod.Post, "/api/directory/imports",
            TestServers.TokenFor(CareMeshRoles.CareCoordinator, "Y00052"), new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Equal("directory /api/directory/imports/file", await import.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byCoordinator.StatusCode);
    }

    [Fact]
    public async Task Oversized_headers_get_431()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/meetings");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestServers.TokenFor(CareMeshRoles.CareCoordinator, "Y00053"));
        request.Headers.Add("X-Padding", new string('x', 40 * 1024));

        var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(20 * 1024)]
    [InlineData(60 * 1024)]
    public async Task A_very_long_query_string_gets_414_problem(int length)
    {
        var response = await gateway.Client.GetAsync("/oruk/services?search=" + new string('a', length));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/oruk/services/%00")]
    [InlineData("/api/meetings/%00")]
    [InlineData("/oruk/%00/services")]
    public async Task A_nul_in_the_path_is_refused_before_any_service_sees_it(string path)
    {
        var response = await gateway.Client.GetAsync(path);

        // Kestrel refuses a decoded NUL while parsing the request line, before any application code
        // runs, so this 400 is Kestrel's own and bodiless (docs/security.md): what matters is that no
        // service, and no database, ever receives the path.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_service_that_does_not_answer_in_time_gets_504_problem()
    {
        var response = await gateway.Client.SendWithTokenAsync(HttpMethod.Get, "/api/referrals/slow", TestServers.TokenFor(CareMeshRoles.CareCoordinator, "Y00051"));

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Callers_claims_about_origin_and_identity_are_dropped_and_answers_carry_security_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/care-plans?nhsNumber=9434765919");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestServers.TokenFor(CareMeshRoles.Clinician, "Y00052"));
        request.Headers.Add("X-Forwarded-For", "6.6.6.6");
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-Port", "1");
        request.Headers.Add("Forwarded", "for=6.6.6.6;host=evil.example");
        request.Headers.Add("X-CareMesh-User", "admin");

        var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = response.Headers.Where(h => h.Key.StartsWith("X-Echo-", StringComparison.Ordinal))
            .ToDictionary(h => h.Key["X-Echo-".Length..], h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        Assert.Equal("127.0.0.1", seen["X-Forwarded-For"]);
        Assert.Equal(gateway.Client.BaseAddress!.Authority, seen["X-Forwarded-Host"]);
        Assert.False(seen.ContainsKey("X-Forwarded-Port"));
        Assert.False(seen.ContainsKey("Forwarded"));
        Assert.False(seen.ContainsKey("X-CareMesh-User"));
        Assert.True(seen.ContainsKey("Authorization"), "the token still reaches the service, which checks it again");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.StartsWith("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(response.Headers.Contains("Server"), "no server banner, the service's included");
    }

    [Fact]
    public async Task The_open_feed_needs_no_token_is_read_only_and_open_to_any_origin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oruk/services");
        request.Headers.Add("Origin", "https://another-council.example");

        var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var write = await gateway.Client.PostAsync("/oruk/services", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.NotEqual(HttpStatusCode.OK, write.StatusCode);
        Assert.True(write.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound or HttpStatusCode.Unauthorized);
    }
}
