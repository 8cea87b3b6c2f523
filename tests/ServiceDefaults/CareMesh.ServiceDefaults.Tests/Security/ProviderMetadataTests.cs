using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using CareMesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CareMesh.ServiceDefaults.Tests.Security;

/// <summary>
/// Bearer tokens checked against a real identity provider's metadata (CareMesh's own, started on loopback by
/// <see cref="TestIdentity"/>): its issuer and its published keys, fetched from where the process reaches it.
/// </summary>
public class ProviderMetadataTests
{
    [Fact]
    public async Task A_token_the_provider_issued_is_accepted_with_the_keys_its_metadata_publishes()
    {
        await using var app = await ServiceAsync(("Authentication:Authority", TestIdentity.Authority.AbsoluteUri));
        var client = app.GetTestClient();

        var answer = await client.SendWithTokenAsync(HttpMethod.Get, "/who", TestServers.TokenFor(CareMeshRoles.Clinician, "Y00007"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("user-clinician clinician Y00007", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_deployment_that_allows_only_another_algorithm_refuses_the_providers_RS256_token()
    {
        await using var app = await ServiceAsync(("Authentication:Authority", TestIdentity.Authority.AbsoluteUri), ("Authentication:AllowedAlgorithms:0", "ES256"));

        var answer = await app.GetTestClient().SendWithTokenAsync(HttpMethod.Get, "/who", TestServers.TokenFor(CareMeshRoles.Clinician, "Y00007"));

        // The configured list replaces the default (RS256, PS256, ES256) rather than adding to it.
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
    }

    [Fact]
    public async Task Tokens_wrong_in_one_way_are_refused_and_the_same_token_made_right_is_accepted()
    {
        await using var app = await ServiceAsync(("Authentication:Authority", TestIdentity.Authority.AbsoluteUri));
        var client = app.GetTestClient();

        // Minted like the refused ones, with the provider's own signing key: the one thing each gets wrong is what refuses it.
        var minted = TestTokens.Mint(TestIdentity.SigningKey, CareMeshRoles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithTokenAsync(HttpMethod.Get, "/who", minted)).StatusCode);
        foreach (var (kind, token) in TestTokens.Refused())
        {
            var answer = await client.SendWithTokenAsync(HttpMethod.Get, "/who", token);
            Assert.True(answer.StatusCode == HttpStatusCode.Unauthorized, $"a {kind} token: {answer.StatusCode}");
        }
    }

    [Fact]
    public async Task Through_a_metadata_address_the_keys_are_fetched_from_there_too_while_tokens_name_the_public_issuer()
    {
        // The provider's own address, as the app host hands it to each process beside the public issuer (the gateway's).
        await using var direct = await ForwarderAsync(TestIdentity.Authority);
        await using var app = await ServiceAsync(
            ("Authentication:Authority", TestIdentity.Authority.AbsoluteUri),
            ("Authentication:MetadataAddress", $"{direct.Address}.well-known/openid-configuration"));

        var answer = await app.GetTestClient().SendWithTokenAsync(HttpMethod.Get, "/who", TestServers.TokenFor(CareMeshRoles.TeamLead, "Y00001"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(["/.well-known/openid-configuration", "/.well-known/jwks"], direct.Paths.Distinct());
    }

    [Fact]
    public void A_document_named_under_the_public_address_is_fetched_from_the_providers_own()
    {
        var documents = new ProviderDocuments(null!, new Uri("http://localhost:5080/identity/"), new Uri("http://localhost:41234/"));

        Assert.Equal("http://localhost:41234/.well-known/jwks", documents.Map("http://localhost:5080/identity/.well-known/jwks"));
        // Anything else the metadata names is fetched where it says.
        Assert.Equal("https://keys.example/jwks", documents.Map("https://keys.example/jwks"));
        Assert.Equal("http://localhost:5080/identityx/jwks", documents.Map("http://localhost:5080/identityx/jwks"));
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public void Without_an_authority_a_process_does_not_start(string environment)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Builder(environment).AddCareMeshAuthentication());

        Assert.StartsWith("Authentication:Authority is required", failure.Message);
    }

    [Theory]
    [InlineData("Production", "http://login.example.nhs.uk/", null, false)]
    [InlineData("Staging", "https://login.example.nhs.uk/", "http://identity.internal/.well-known/openid-configuration", false)]
    [InlineData("Production", "https://login.example.nhs.uk/", null, true)]
    [InlineData("Production", "http://localhost:5080/identity/", null, true)]
    [InlineData("Production", "https://login.example.nhs.uk/", "http://127.0.0.1:5081/.well-known/openid-configuration", true)]
    [InlineData("Development", "http://identity.internal/", null, true)]
    public void Metadata_over_plain_http_only_in_development_or_on_a_loopback_address(string environment, string authority, string? metadata, bool starts)
    {
        var builder = Builder(environment, ("Authentication:Authority", authority), ("Authentication:MetadataAddress", metadata));

        var failure = Record.Exception(() => builder.AddCareMeshAuthentication());

        Assert.True(starts == failure is null, failure?.Message);
        Assert.True(starts || failure!.Message.Contains("HTTPS", StringComparison.Ordinal), failure?.Message);
    }

    private static HostApplicationBuilder Builder(string environment, params (string Key, string? Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        return builder;
    }

    /// <summary>A service with nothing but CareMesh's authentication and one endpoint for staff, saying who called.</summary>
    private static async Task<WebApplication> ServiceAsync(params (string Key, string? Value)[] settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.AddCareMeshAuthentication();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/who", (ClaimsPrincipal user) => $"{user.UserId()} {user.Role()} {user.Organisation()}").RequireAuthorization(CareMeshPolicies.Staff);
        await app.StartAsync();
        return app;
    }

    /// <summary>Another address for the provider, on loopback, forwarding every GET to it and noting the path.</summary>
    private static async Task<Forwarder> ForwarderAsync(Uri provider)
    {
        var paths = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var http = new HttpClient { BaseAddress = provider };
        app.MapGet("/{**path}", async (HttpContext context) =>
        {
            paths.Enqueue(context.Request.Path.Value!);
            using var answer = await http.GetAsync(context.Request.Path.Value!.TrimStart('/'));
            context.Response.StatusCode = (int)answer.StatusCode;
            context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
            await answer.Content.CopyToAsync(context.Response.Body);
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
        return new Forwarder(app, http, address, paths);
    }

    private sealed record Forwarder(WebApplication App, HttpClient Http, Uri Address, ConcurrentQueue<string> Paths) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await App.DisposeAsync();
        }
    }
}
