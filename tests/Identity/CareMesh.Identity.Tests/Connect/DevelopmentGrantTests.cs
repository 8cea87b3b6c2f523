using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMesh.Identity.Data;
using CareMesh.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareMesh.Identity.Tests.Connect;

public sealed class DevelopmentGrantTests(IdentityFactory factory) : IClassFixture<IdentityFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task In_Development_the_grant_issues_a_token_for_the_role_and_organisation_asked()
    {
        var token = await DevelopmentGrant.RequestTokenAsync(factory.CreateBackChannel(), new Uri("http://localhost/connect/token"),
            CareMeshRoles.LinkWorker, "Y00002", lifetime: TimeSpan.FromMinutes(30));

        var access = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token);
        Assert.Equal("dev-link-worker-Y00002", access.Subject);
        Assert.Equal(CareMeshRoles.LinkWorker, access.GetClaim("selected_roleid").Value);
        Assert.Equal("Y00002", access.GetClaim("org").Value);
        Assert.Equal(TimeSpan.FromMinutes(30), access.ValidTo - access.IssuedAt);
    }

    [Theory]
    [InlineData("role", "bad role")]
    [InlineData("org", "Y0000'1")]
    [InlineData("minutes", "721")]
    [InlineData("minutes", "0")]
    public async Task In_Development_the_grant_refuses_malformed_input(string field, string value)
    {
        var form = new Dictionary<string, string?>
        {
            ["grant_type"] = DevelopmentGrant.GrantType, ["client_id"] = DevelopmentGrant.ClientId, ["role"] = CareMeshRoles.Ops, ["org"] = "Y00001",
        };
        form[field] = value;

        var answer = await OAuth.TokenAsync(factory.CreateBackChannel(), form);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("invalid_request", answer.Error);
    }
}

/// <summary>The provider as deployed: no development client, accounts or grant; its database migrated beforehand, as a deployment does.</summary>
public abstract class DeployedIdentityFactory(string environment) : IdentityFactory
{
    protected override string EnvironmentName => environment;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Authentication:Authority", "https://identity.caremesh.invalid/");
        // Before the provider's own start-up work (keys, clients), which needs the schema.
        builder.ConfigureServices(services => services.Insert(0, ServiceDescriptor.Singleton<IHostedService, Migrate>()));
    }

    private sealed class Migrate(IServiceProvider services) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Database.MigrateAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

public sealed class ProductionIdentityFactory() : DeployedIdentityFactory(Environments.Production);

public sealed class StagingIdentityFactory() : DeployedIdentityFactory(Environments.Staging);

public abstract class DevelopmentGrantOutsideDevelopmentTests(DeployedIdentityFactory factory)
{
    [Fact]
    public async Task The_development_grant_is_refused_as_unsupported_grant_type()
    {
        var answer = await OAuth.TokenAsync(factory.CreateBackChannel(), new()
        {
            ["grant_type"] = DevelopmentGrant.GrantType, ["client_id"] = DevelopmentGrant.ClientId, ["role"] = CareMeshRoles.Admin, ["org"] = "Y00001",
        });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("unsupported_grant_type", answer.Error);
        Assert.False(answer.Body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task Neither_the_grant_nor_its_client_nor_the_development_accounts_exist()
    {
        var discovery = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        Assert.DoesNotContain(DevelopmentGrant.GrantType, discovery.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()));
        var clients = await factory.InDatabaseAsync(db => db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication>().Select(a => a.ClientId!).ToListAsync());
        Assert.Equal([IdentityFactory.ImporterId, IdentityFactory.ConnectorId], clients.Order());
        Assert.Equal(0, await factory.InDatabaseAsync(db => db.Users.CountAsync()));

        var page = await factory.CreateClient().GetStringAsync("/account/login");
        // The partners' sign-in form is there everywhere; no development account is offered.
        Assert.DoesNotContain("name=\"account\"", page);
        Assert.DoesNotContain("dev-admin", page);
        var post = await factory.CreateClient().PostAsync("/account/login/development", new FormUrlEncodedContent(new Dictionary<string, string> { ["account"] = "dev-admin" }));
        // Not mapped: the deny-by-default policy answers a path no endpoint serves.
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.False(post.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Client_credentials_still_work()
    {
        var answer = await OAuth.ClientCredentialsAsync(factory.CreateBackChannel(), IdentityFactory.ImporterId, IdentityFactory.ImporterSecret, "caremesh");

        Assert.Equal(IdentityFactory.ImporterId, answer.Succeeded().Access.Subject);
    }
}

public sealed class DevelopmentGrantInProductionTests(ProductionIdentityFactory factory)
    : DevelopmentGrantOutsideDevelopmentTests(factory), IClassFixture<ProductionIdentityFactory>;

public sealed class DevelopmentGrantInStagingTests(StagingIdentityFactory factory)
    : DevelopmentGrantOutsideDevelopmentTests(factory), IClassFixture<StagingIdentityFactory>;
