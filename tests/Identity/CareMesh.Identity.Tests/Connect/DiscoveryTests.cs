using System.Net.Http.Json;
using System.Text.Json;

namespace CareMesh.Identity.Tests.Connect;

public sealed class DiscoveryTests(IdentityFactory factory) : IClassFixture<IdentityFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_discovery_document_names_the_endpoints_grants_and_keys_the_provider_serves()
    {
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");

        Assert.Equal("http://localhost/", document.GetProperty("issuer").GetString());
        Assert.Equal("http://localhost/connect/authorize", document.GetProperty("authorization_endpoint").GetString());
        Assert.Equal("http://localhost/connect/token", document.GetProperty("token_endpoint").GetString());
        Assert.Equal("http://localhost/connect/userinfo", document.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal("http://localhost/connect/revoke", document.GetProperty("revocation_endpoint").GetString());
        Assert.Equal("http://localhost/connect/logout", document.GetProperty("end_session_endpoint").GetString());
        var grants = Strings(document, "grant_types_supported");
        Assert.Contains("authorization_code", grants);
        Assert.Contains("refresh_token", grants);
        Assert.Contains("client_credentials", grants);
        Assert.Contains(DevelopmentGrant.GrantType, grants);
        Assert.Equal(["code"], Strings(document, "response_types_supported"));
        Assert.Contains("caremesh", Strings(document, "scopes_supported"));

        var keys = await factory.CreateClient().GetFromJsonAsync<JsonElement>(document.GetProperty("jwks_uri").GetString());
        var signing = keys.GetProperty("keys").EnumerateArray().Where(k => k.GetProperty("use").GetString() == "sig").ToList();
        Assert.NotEmpty(signing);
        Assert.All(signing, key => Assert.Equal("RSA", key.GetProperty("kty").GetString()));
        // Only public halves are published.
        Assert.All(signing, key => Assert.False(key.TryGetProperty("d", out _)));
    }

    private static string[] Strings(JsonElement document, string property) =>
        [.. document.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];
}
