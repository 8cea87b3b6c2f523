using CareMesh.Directory.Tests.OpenReferral;
using CareMesh.Testing;
using CareMesh.Testing.Properties;
using Xunit.Abstractions;

namespace CareMesh.Directory.Tests;

/// <summary>The service's published contract: its OpenAPI document says what every endpoint accepts and answers.</summary>
[Collection(EndpointProperties.RunsAlone)]
public class ContractTests(DirectoryServiceFactory factory, ITestOutputHelper output) : IClassFixture<DirectoryServiceFactory>
{
    [Fact]
    public async Task Every_endpoint_answers_generated_and_hostile_requests_without_a_5xx_and_refuses_them_cleanly()
    {
        await factory.ResetAsync();
        var fixture = await FeedFixture.CreateAsync(factory);

        await EndpointProperties.AssertEveryEndpointHoldsAsync(factory, new PropertyRunOptions
        {
            Documents = ["/openapi/v1.json"],
            Callers =
            [
                (6, CareMeshRoles.TeamLead, "Y00001"),
                (2, CareMeshRoles.VcsPartner, fixture.CarersId.ToString()),
                (1, CareMeshRoles.CareCoordinator, "Y00001"),
                (1, null, "Y00001"),
            ],
            KnownIds = [fixture.MindId, fixture.CarersId, fixture.LeedsLocationId, fixture.BradfordLocationId, fixture.CounsellingServiceId,
                fixture.CarersCafeId, fixture.TaxonomyId, fixture.CounsellingTermId, fixture.CarersTermId],
            // Imports read another directory's feed over the network: their address checks are tested on their own (ImportAddressTests).
            Skipped = new Dictionary<string, string> { ["POST /api/directory/imports"] = "reads a remote feed" },
        }, output);
    }

    [Fact]
    public async Task The_document_says_what_every_operation_needs_and_answers()
    {
        await OpenApiContract.AssertCompleteAsync(factory.CreateClient());
    }

    [Fact]
    public async Task The_feeds_own_document_says_what_each_operation_answers_and_lists_have_their_page_schema()
    {
        var document = await OpenApiContract.AssertCompleteAsync(factory.CreateClient(), "/oruk/openapi/oruk.json");

        var list = document.GetProperty("paths").GetProperty("/oruk/services").GetProperty("get");
        Assert.True(list.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").TryGetProperty("schema", out _));
        var names = list.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("per_page", names);
        Assert.Contains("page", names);
        Assert.False(list.TryGetProperty("security", out var security) && security.GetArrayLength() > 0, "the feed needs no token");
    }
}

[CollectionDefinition(EndpointProperties.RunsAlone, DisableParallelization = true)]
public sealed class PropertyRunsAlone;
