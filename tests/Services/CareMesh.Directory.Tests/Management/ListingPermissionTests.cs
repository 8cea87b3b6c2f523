using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMesh.Directory.Tests.OpenReferral;

namespace CareMesh.Directory.Tests.Management;

/// <summary>A VCS partner manages its own organisation's listings and no one else's; nobody without a token writes.</summary>
public class ListingPermissionTests(DirectoryServiceFactory factory) : IClassFixture<DirectoryServiceFactory>, IAsyncLifetime
{
    private FeedFixture _fixture = null!;
    private HttpClient _carersPartner = null!;

    public async Task InitializeAsync()
    {
        await factory.ResetAsync();
        _fixture = await FeedFixture.CreateAsync(factory);
        // A partner signed in for Carers Leeds, trying Leeds Mind's listings.
        _carersPartner = factory.CreateClientAs(CareMeshRoles.VcsPartner, _fixture.CarersId.ToString());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string> OtherOrganisationsWrites() =>
    [
        "PUT service", "verify service", "withdraw service", "POST service", "move own service to them",
        "POST location", "PUT location", "PUT organisation", "list verification due",
    ];

    [Theory]
    [MemberData(nameof(OtherOrganisationsWrites))]
    public async Task A_partner_cannot_change_another_organisations_listing(string attempt)
    {
        var before = await SnapshotAsync();
        var mindService = DirectoryData.ServiceBody(_fixture.MindId, "Community Counselling (changed)", [_fixture.CounsellingTermId], [_fixture.LeedsLocationId]);
        var ownServiceMoved = DirectoryData.ServiceBody(_fixture.MindId, "Carers Café", [_fixture.CarersTermId], [_fixture.BradfordLocationId]);
        var organisation = new { name = "Leeds Mind (changed)", description = "Changed" };

        var response = attempt switch
        {
            "PUT service" => await _carersPartner.PutAsJsonAsync($"/api/directory/services/{_fixture.CounsellingServiceId}", mindService),
            "verify service" => await _carersPartner.PostAsync($"/api/directory/services/{_fixture.CounsellingServiceId}/verify", null),
            "withdraw service" => await _carersPartner.PostAsJsonAsync($"/api/directory/services/{_fixture.CounsellingServiceId}/withdraw", new { reason = "Sabotage" }),
            "POST service" => await _carersPartner.PostAsJsonAsync("/api/directory/services", mindService),
            "move own service to them" => await _carersPartner.PutAsJsonAsync($"/api/directory/services/{_fixture.CarersCafeId}", ownServiceMoved),
            "POST location" => await _carersPartner.PostAsJsonAsync("/api/directory/locations", DirectoryData.LocationBody(_fixture.MindId, "Fake hall", DirectoryData.LeedsCivicHall)),
            "PUT location" => await _carersPartner.PutAsJsonAsync($"/api/directory/locations/{_fixture.LeedsLocationId}", DirectoryData.LocationBody(_fixture.CarersId, "Taken", DirectoryData.LeedsCivicHall)),
            "PUT organisation" => await _carersPartner.PutAsJsonAsync($"/api/directory/organisations/{_fixture.MindId}", organisation),
            "list verification due" => await _carersPartner.GetAsync($"/api/directory/organisations/{_fixture.MindId}/verification-due"),
            _ => throw new ArgumentOutOfRangeException(nameof(attempt)),
        };

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_partner_changes_its_own_listings()
    {
        var body = DirectoryData.ServiceBody(_fixture.CarersId, "Carers Café and garden", [_fixture.CarersTermId], [_fixture.BradfordLocationId]);

        var updated = await _carersPartner.PutAsJsonAsync($"/api/directory/services/{_fixture.CarersCafeId}", body);
        var verified = await _carersPartner.PostAsync($"/api/directory/services/{_fixture.CarersCafeId}/verify", null);
        var location = await _carersPartner.PutAsJsonAsync($"/api/directory/locations/{_fixture.BradfordLocationId}",
            DirectoryData.LocationBody(_fixture.CarersId, "City Hall, Room 2", DirectoryData.BradfordCityHall));

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, location.StatusCode);
        var service = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/oruk/services/{_fixture.CarersCafeId}");
        Assert.Equal("Carers Café and garden", service.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_partner_does_not_see_another_organisations_private_listing()
    {
        var hidden = _fixture.UnlistedServiceIds[0];

        var asPartner = await _carersPartner.GetAsync($"/api/directory/services/{hidden}");
        var asCoordinator = await factory.CreateClientAs(CareMeshRoles.CareCoordinator).GetAsync($"/api/directory/services/{hidden}");
        var asOwner = await factory.CreateClientAs(CareMeshRoles.VcsPartner, _fixture.MindId.ToString()).GetAsync($"/api/directory/services/{hidden}");

        Assert.Equal(HttpStatusCode.NotFound, asPartner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asCoordinator.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asOwner.StatusCode);
    }

    [Fact]
    public async Task A_care_coordinator_finds_listings_but_does_not_change_them()
    {
        var coordinator = factory.CreateClientAs(CareMeshRoles.CareCoordinator);

        var read = await coordinator.GetAsync($"/api/directory/services/{_fixture.CounsellingServiceId}");
        var write = await coordinator.PostAsync($"/api/directory/services/{_fixture.CounsellingServiceId}/verify", null);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task Nobody_writes_without_a_token()
    {
        var anonymous = factory.CreateClient();
        var before = await SnapshotAsync();

        var responses = new[]
        {
            await anonymous.PostAsJsonAsync("/api/directory/services", DirectoryData.ServiceBody(_fixture.MindId, "Spam", [], [])),
            await anonymous.PutAsJsonAsync($"/api/directory/services/{_fixture.CounsellingServiceId}", DirectoryData.ServiceBody(_fixture.MindId, "Spam", [], [])),
            await anonymous.PostAsync($"/api/directory/services/{_fixture.CounsellingServiceId}/verify", null),
            await anonymous.PostAsJsonAsync("/api/directory/organisations", new { name = "Spam", description = "Spam" }),
            await anonymous.PostAsJsonAsync("/oruk/services", new { name = "Spam" }),
        };

        // The feed takes no writes; to a caller without a token, a POST there is as refused as any other.
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>The whole feed as JSON text: any change to any listing shows in it.</summary>
    private async Task<string> SnapshotAsync()
    {
        var anonymous = factory.CreateClient();
        var services = await anonymous.GetStringAsync("/oruk/services?full=true");
        var organisations = await anonymous.GetStringAsync("/oruk/organizations");
        var admin = factory.CreateClientAs(CareMeshRoles.Admin);
        var versions = await Task.WhenAll(new[] { _fixture.CounsellingServiceId, _fixture.CarersCafeId }.Concat(_fixture.UnlistedServiceIds)
            .Select(id => admin.GetStringAsync($"/api/directory/services/{id}/history")));
        var location = await admin.GetStringAsync($"/api/directory/locations/{_fixture.LeedsLocationId}");
        return string.Join("\n", [services, organisations, .. versions, location]);
    }
}
