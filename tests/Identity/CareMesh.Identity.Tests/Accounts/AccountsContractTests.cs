using CareMesh.Testing;

namespace CareMesh.Identity.Tests.Accounts;

public sealed class AccountsContractTests(PartnerFactory factory) : IClassFixture<PartnerFactory>
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
}
