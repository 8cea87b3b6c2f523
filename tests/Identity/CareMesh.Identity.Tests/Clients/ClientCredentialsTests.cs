using System.Net;

namespace CareMesh.Identity.Tests.Clients;

public sealed class ClientCredentialsTests(IdentityFactory factory) : IClassFixture<IdentityFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_system_client_gets_a_token_for_a_scope_it_is_granted_carrying_its_configured_role_and_organisation()
    {
        var answer = (await OAuth.ClientCredentialsAsync(factory.CreateBackChannel(), IdentityFactory.ImporterId, IdentityFactory.ImporterSecret, IdentityFactory.ImportScope)).Succeeded();

        var access = answer.Access;
        Assert.Equal(IdentityFactory.ImporterId, access.Subject);
        Assert.Equal("Council directory importer", access.GetClaim("name").Value);
        Assert.Equal(CareMeshRoles.Admin, access.GetClaim("selected_roleid").Value);
        Assert.Equal("Y00001", access.GetClaim("org").Value);
        Assert.Equal(["caremesh"], access.Audiences);
        Assert.Equal(IdentityFactory.ImportScope, access.GetClaim("scope").Value);
        Assert.Equal(TimeSpan.FromMinutes(5), access.ValidTo - access.IssuedAt);
        // A client acting for itself gets no refresh token and no identity token.
        Assert.False(answer.Body.TryGetProperty("refresh_token", out _));
        Assert.False(answer.Body.TryGetProperty("id_token", out _));
    }

    [Fact]
    public async Task A_client_without_a_configured_role_gets_a_token_without_one()
    {
        var access = (await OAuth.ClientCredentialsAsync(factory.CreateBackChannel(), IdentityFactory.ConnectorId, IdentityFactory.ConnectorSecret, IdentityFactory.OutcomesScope)).Succeeded().Access;

        Assert.False(access.TryGetClaim("selected_roleid", out _));
        Assert.False(access.TryGetClaim("org", out _));
    }

    [Fact]
    public async Task A_scope_the_client_is_not_granted_is_refused_as_invalid_scope()
    {
        var answer = await OAuth.ClientCredentialsAsync(factory.CreateBackChannel(), IdentityFactory.ImporterId, IdentityFactory.ImporterSecret, $"{IdentityFactory.ImportScope} {IdentityFactory.OutcomesScope}");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("invalid_scope", answer.Error);
        Assert.False(answer.Body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task A_scope_nobody_registered_is_refused_as_invalid_scope()
    {
        var answer = await OAuth.ClientCredentialsAsync(factory.CreateBackChannel(), IdentityFactory.ImporterId, IdentityFactory.ImporterSecret, "everything");

        Assert.Equal("invalid_scope", answer.Error);
    }

    [Theory]
    [InlineData("openid", "invalid_scope")]
    [InlineData("openid caremesh", "invalid_scope")]
    [InlineData("profile", "invalid_scope")]
    // OpenIddict's own refusal: no refresh token without a user.
    [InlineData("offline_access", "invalid_request")]
    public async Task Sign_in_scopes_are_refused_for_client_credentials(string scope, string error)
    {
        var answer = await OAuth.ClientCredentialsAsync(factory.CreateBackChannel(), IdentityFactory.ImporterId, IdentityFactory.ImporterSecret, scope);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(error, answer.Error);
        Assert.False(answer.Body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task Without_a_scope_the_client_gets_every_scope_it_is_granted()
    {
        var access = (await OAuth.ClientCredentialsAsync(factory.CreateBackChannel(), IdentityFactory.ImporterId, IdentityFactory.ImporterSecret, scope: null)).Succeeded().Access;

        Assert.Equal(["caremesh", IdentityFactory.ImportScope], access.GetClaim("scope").Value.Split(' ').Order());
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_as_invalid_client()
    {
        var answer = await OAuth.ClientCredentialsAsync(factory.CreateBackChannel(), IdentityFactory.ImporterId, IdentityFactory.ConnectorSecret, IdentityFactory.ImportScope);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("invalid_client", answer.Error);
        Assert.False(answer.Body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task An_unknown_client_is_refused_as_invalid_client()
    {
        var answer = await OAuth.ClientCredentialsAsync(factory.CreateBackChannel(), "nobody", IdentityFactory.ImporterSecret, IdentityFactory.ImportScope);

        Assert.Equal("invalid_client", answer.Error);
    }

    [Fact]
    public async Task The_workspace_and_the_development_client_cannot_use_client_credentials()
    {
        var web = await OAuth.ClientCredentialsAsync(factory.CreateBackChannel(), WebClientOptions.ClientId, IdentityFactory.WebSecret, "caremesh");
        var development = await OAuth.TokenAsync(factory.CreateBackChannel(),
            new() { ["grant_type"] = "client_credentials", ["client_id"] = DevelopmentGrant.ClientId, ["scope"] = "caremesh" });

        Assert.Equal("unauthorized_client", web.Error);
        Assert.NotNull(development.Error);
        Assert.False(development.Body.TryGetProperty("access_token", out _));
    }
}
