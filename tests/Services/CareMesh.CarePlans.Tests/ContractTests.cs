using CareMesh.Testing;
using Microsoft.Extensions.Hosting;
using CareMesh.Testing.Properties;
using Xunit.Abstractions;

namespace CareMesh.CarePlans.Tests;

/// <summary>The service's published contract: its OpenAPI document says what every endpoint accepts and answers.</summary>
[Collection(EndpointProperties.RunsAlone)]
public class ContractTests(CarePlansServiceFactory factory, ITestOutputHelper output) : IClassFixture<CarePlansServiceFactory>
{
    [Fact]
    public async Task Every_endpoint_answers_generated_and_hostile_requests_without_a_5xx_and_refuses_them_cleanly()
    {
        await factory.ResetAsync();

        await EndpointProperties.AssertEveryEndpointHoldsAsync(factory, new PropertyRunOptions
        {
            Callers =
            [
                (6, CareMeshRoles.CareCoordinator, "Y00001"),
                (2, CareMeshRoles.TeamLead, "Y00001"),
                (1, CareMeshRoles.VcsPartner, Guid.NewGuid().ToString()),
                (1, null, "Y00001"),
            ],
        }, output);
    }

    [Fact]
    public async Task The_document_says_what_every_operation_needs_and_answers()
    {
        await OpenApiContract.AssertCompleteAsync(factory.CreateClient());
    }
}

[CollectionDefinition(EndpointProperties.RunsAlone, DisableParallelization = true)]
public sealed class PropertyRunsAlone;
