using CareMesh.Testing;

namespace CareMesh.Referrals.Tests;

/// <summary>The service's published contract: its OpenAPI document says what every endpoint accepts and answers.</summary>
public class ContractTests(ReferralsServiceFactory factory) : IClassFixture<ReferralsServiceFactory>
{
    [Fact]
    public async Task The_document_says_what_every_operation_needs_and_answers()
    {
        await OpenApiContract.AssertCompleteAsync(factory.CreateClient());
    }
}
