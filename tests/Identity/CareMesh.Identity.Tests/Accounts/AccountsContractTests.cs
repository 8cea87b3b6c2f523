using CareMesh.Testing;
using CareMesh.Testing.Properties;
using Xunit.Abstractions;

namespace CareMesh.Identity.Tests.Accounts;

[Collection(EndpointProperties.RunsAlone)]
public sealed class AccountsContractTests(PartnerFactory factory, ITestOutputHelper output) : IClassFixture<PartnerFactory>
{
    [Fact]
    public async Task The_provider_documents_its_accounts_API_as_every_CareMesh_API_is_documented()
    {
        var document = await OpenApiContract.AssertCompleteAsync(factory.CreateClient());

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/accounts/invitations", out var invitations));
        Assert.True(invitations.GetProperty("post").GetProperty("responses").TryGetProperty("409", out _));
        Assert.True(paths.TryGetProperty("/api/accounts/{id}/disable", out _));
        // The protocol's endpoints are OpenIddict's, described by its discovery document instead.
        Assert.False(paths.TryGetProperty("/connect/token", out _));
    }

    [Fact]
    public async Task Every_accounts_endpoint_answers_generated_and_hostile_requests_without_a_5xx_and_refuses_them_cleanly()
    {
        await factory.ResetAsync();

        await EndpointProperties.AssertEveryEndpointHoldsAsync(factory, new PropertyRunOptions
        {
            Callers =
            [
                (4, CareMeshRoles.TeamLead, "Y00001"),
                (2, CareMeshRoles.Admin, "Y00001"),
                (1, CareMeshRoles.VcsPartner, PartnerFactory.PartnerOrganisation),
                (1, null, "Y00001"),
            ],
            // Refusals are security events by design; the Data Protection key ring may grow when a cookie is first made.
            TablesIgnored = ["security_events", "data_protection_keys", "__EFMigrationsHistory"],
        }, output);
    }
}

[CollectionDefinition(EndpointProperties.RunsAlone, DisableParallelization = true)]
public sealed class PropertyRunsAlone;
