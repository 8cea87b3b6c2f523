using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMesh.AppHost.Dashboard;

namespace CareMesh.AppHost.Tests.Dashboard;

/// <summary>Nothing but the login is reachable without the printed token; the session cookie and headers are strict.</summary>
public sealed class DashboardAccessTests : IAsyncLifetime
{
    private DashboardHost host = null!;

    public async Task InitializeAsync() => host = await DashboardHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData("/api/resources")]
    [InlineData("/api/traces")]
    [InlineData("/api/logs")]
    [InlineData("/api/metrics")]
    [InlineData("/api/messaging")]
    [InlineData("/api/live")]
    [InlineData("/api/resources/referrals/console")]
    public async Task Without_a_session_every_api_answers_401_with_a_problem(string path)
    {
        using var client = host.Anonymous();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Without_a_session_the_page_sends_the_browser_to_the_login()
    {
        using var client = host.Anonymous();

        var page = await client.GetAsync("/");
        var login = await client.GetAsync("/login");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("name=\"token\"", await login.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_token_opens_no_session()
    {
        using var client = host.Anonymous();

        var link = await client.GetAsync("/login?t=not-the-token");
        var form = await client.PostAsync("/login", new FormUrlEncodedContent([new("token", DashboardHost.Token + "x")]));
        var api = await client.GetAsync("/api/resources");

        Assert.Equal(HttpStatusCode.Unauthorized, link.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, form.StatusCode);
        Assert.Contains("not this run's token", await form.Content.ReadAsStringAsync());
        Assert.False(link.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task The_token_opens_a_strict_http_only_session_that_reaches_the_apis_until_sign_out()
    {
        using var client = host.Anonymous();

        var login = await client.PostAsync("/login", new FormUrlEncodedContent([new("token", DashboardHost.Token)]));
        var resources = await client.GetAsync("/api/resources");
        var page = await client.GetAsync("/");
        await client.PostAsync("/logout", null);
        var afterSignOut = await client.GetAsync("/api/resources");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(DashboardAccess.CookieName + "=", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, resources.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterSignOut.StatusCode);
    }

    [Fact]
    public async Task Pages_carry_a_strict_content_security_policy_and_no_caching()
    {
        using var client = await host.SignedInAsync();

        var page = await client.GetAsync("/");
        var script = await client.GetAsync("/assets/app.js");

        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(page.Headers.CacheControl?.NoStore);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_action_without_the_dashboards_header_is_refused()
    {
        using var client = await host.SignedInAsync();
        client.DefaultRequestHeaders.Remove(DashboardExtensions.ActionHeader);

        var response = await client.PostAsync("/api/resources/referrals/stop", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Environment_values_are_shown_with_their_secrets_masked()
    {
        using var client = await host.SignedInAsync();

        var resources = await client.GetFromJsonAsync<JsonElement>("/api/resources");
        var text = resources.GetRawText();

        Assert.DoesNotContain("secret-pg", text);
        Assert.DoesNotContain("secret-mq", text);
        var referrals = resources.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "referrals");
        var connection = referrals.GetProperty("environment").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "ConnectionStrings__referralsdb");
        Assert.Equal($"Host=127.0.0.1;Port=1;Username=u;Password={SecretMasking.Mask};Database=referralsdb", connection.GetProperty("value").GetString());
    }
}
