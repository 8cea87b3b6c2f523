using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMesh.Directory.Data;
using CareMesh.Directory.Tests.OpenReferral;
using CareMesh.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareMesh.Directory.Tests.Management;

/// <summary>Changing a listing: validated, versioned with who and when, published; freshness and withdrawal.</summary>
public class ServiceListingTests(DirectoryServiceFactory factory) : IClassFixture<DirectoryServiceFactory>, IAsyncLifetime
{
    private const string ChangedExchange = "CareMesh.Contracts.Directory:DirectoryServiceChanged";
    private const string WithdrawnExchange = "CareMesh.Contracts.Directory:DirectoryServiceWithdrawn";
    private FeedFixture _fixture = null!;
    private HttpClient _teamLead = null!;

    public async Task InitializeAsync()
    {
        await factory.ResetAsync();
        _fixture = await FeedFixture.CreateAsync(factory);
        _teamLead = factory.CreateClientAs(CareMeshRoles.TeamLead);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_invalid_service_is_refused_with_every_fault_named_and_nothing_stored()
    {
        var body = DirectoryData.ServiceBody(_fixture.MindId, "", [_fixture.CarersTermId], [_fixture.BradfordLocationId]);
        body["status"] = "open";
        body["email"] = "not-an-email";
        body["url"] = "javascript:alert(1)";
        body["alert"] = new string('a', 2001);
        body["contacts"] = new[] { new { name = "Sam", phones = new[] { new { number = "12345" } } } };
        body["schedules"] = new[] { new { freq = "DAILY", byDay = "XX", opensAt = "09:00:00", closesAt = "17:00:00" } };
        body["languages"] = new[] { new { name = "English", code = "English" } };
        var servicesBefore = await CountServicesAsync();

        var errors = await FaultsAsync(body);

        Assert.Equal(
            ["alert", "contacts[0].phones[0].number", "email", "languages[0].code", "name", "schedules[0].byDay", "schedules[0].freq", "status", "url"],
            errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal(servicesBefore, await CountServicesAsync());
    }

    [Fact]
    public async Task A_service_whose_fields_pass_is_checked_across_them_and_against_the_records_it_names()
    {
        // Cross-field and reference rules run once every field has passed, so each names a real inconsistency.
        var body = DirectoryData.ServiceBody(_fixture.MindId, "Counselling", [Guid.NewGuid()], [Guid.NewGuid()]);
        body["capacity"] = "waiting-list";
        body["minimumAge"] = 50;
        body["maximumAge"] = 20;
        var servicesBefore = await CountServicesAsync();

        var crossField = await FaultsAsync(body);
        Assert.Equal(["maximumAge", "typicalWaitWeeks"], crossField.EnumerateObject().Select(e => e.Name).Order());
        body["schedules"] = new[] { new { freq = "WEEKLY", byDay = "MO", opensAt = "17:00:00", closesAt = "09:00:00" } };
        Assert.True((await FaultsAsync(body)).TryGetProperty("schedules[0].closesAt", out _));

        var references = await FaultsAsync(DirectoryData.ServiceBody(_fixture.MindId, "Counselling", [Guid.NewGuid()], [Guid.NewGuid()]));
        Assert.Equal(["locationIds", "taxonomyTermIds"], references.EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal(servicesBefore, await CountServicesAsync());
    }

    public static TheoryData<string, string, string> TooLong => new()
    {
        { "/api/directory/organisations", "{\"name\": \"" + new string('n', 301) + "\", \"description\": \"Support\"}", "name" },
        { "/api/directory/locations", "{\"organisationId\": \"" + Guid.NewGuid() + "\", \"locationType\": \"physical\", \"externalIdentifier\": \"" + new string('x', 301) + "\"}", "externalIdentifier" },
        { "/api/directory/taxonomies", "{\"name\": \"Needs\", \"description\": \"PCN needs\", \"version\": \"" + new string('v', 51) + "\"}", "version" },
    };

    [Theory]
    [MemberData(nameof(TooLong))]
    public async Task Text_longer_than_the_document_allows_is_refused_on_every_kind_of_listing(string path, string body, string field)
    {
        var response = await _teamLead.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("at most", errors.GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_withdrawal_needs_a_reason_of_at_most_1000_characters_and_changes_nothing_without_one()
    {
        var tooLong = await _teamLead.PostAsJsonAsync($"/api/directory/services/{_fixture.CarersCafeId}/withdraw", new { reason = new string('r', 1001) });
        var none = await _teamLead.PostAsJsonAsync($"/api/directory/services/{_fixture.CarersCafeId}/withdraw", new { reason = " " });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (tooLong.StatusCode, none.StatusCode));
        var listing = await _teamLead.GetFromJsonAsync<JsonElement>($"/api/directory/services/{_fixture.CarersCafeId}");
        Assert.Equal(JsonValueKind.Null, listing.GetProperty("withdrawnAt").ValueKind);
    }

    private async Task<JsonElement> FaultsAsync(Dictionary<string, object?> body)
    {
        var response = await _teamLead.PostAsJsonAsync("/api/directory/services", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    [Fact]
    public async Task Every_change_is_a_new_version_recording_who_made_it_and_when()
    {
        var id = _fixture.CarersCafeId;
        var body = DirectoryData.ServiceBody(_fixture.CarersId, "Carers Café (Tuesdays)", [_fixture.CarersTermId], [_fixture.BradfordLocationId]);

        (await _teamLead.PutAsJsonAsync($"/api/directory/services/{id}", body)).EnsureSuccessStatusCode();
        (await factory.CreateClientAs(CareMeshRoles.VcsPartner, _fixture.CarersId.ToString()).PostAsync($"/api/directory/services/{id}/verify", null)).EnsureSuccessStatusCode();
        var history = await _teamLead.GetFromJsonAsync<JsonElement>($"/api/directory/services/{id}/history");

        var versions = history.EnumerateArray().Select(v => (v.GetProperty("version").GetInt32(), v.GetProperty("change").GetString(), v.GetProperty("changedByRole").GetString())).ToList();
        Assert.Equal([(3, "verified", CareMeshRoles.VcsPartner), (2, "updated", CareMeshRoles.TeamLead), (1, "created", CareMeshRoles.TeamLead)], versions);
        Assert.Contains("Test vcs-partner", history[0].GetProperty("changedBy").GetString());
        Assert.All(history.EnumerateArray(), v => Assert.True(DateTimeOffset.UtcNow - v.GetProperty("changedAt").GetDateTimeOffset() < TimeSpan.FromMinutes(5)));

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        var snapshot = await db.ListingChanges.Where(c => c.ListingId == id && c.Version == 2).Select(c => c.Snapshot).SingleAsync();
        Assert.Equal("Carers Café (Tuesdays)", snapshot.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_change_made_to_a_version_someone_else_replaced_is_refused()
    {
        var id = _fixture.CarersCafeId;
        var body = DirectoryData.ServiceBody(_fixture.CarersId, "Carers Café", [_fixture.CarersTermId], [_fixture.BradfordLocationId]);
        var read = await _teamLead.GetAsync($"/api/directory/services/{id}");
        var etag = read.Headers.ETag!.Tag;
        (await _teamLead.PutAsJsonAsync($"/api/directory/services/{id}", body)).EnsureSuccessStatusCode();

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/directory/services/{id}") { Content = JsonContent.Create(body) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await _teamLead.SendAsync(stale);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var current = await _teamLead.GetFromJsonAsync<JsonElement>($"/api/directory/services/{id}");
        Assert.Equal(2, current.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Changes_and_withdrawals_are_published()
    {
        await factory.Broker.BindQueueAsync(ChangedExchange, "changed-probe");
        await factory.Broker.BindQueueAsync(WithdrawnExchange, "withdrawn-probe");
        var body = DirectoryData.ServiceBody(_fixture.MindId, "Community Counselling", [_fixture.CounsellingTermId], [_fixture.LeedsLocationId]);
        body["capacity"] = "waiting-list";
        body["typicalWaitWeeks"] = 6;

        (await _teamLead.PutAsJsonAsync($"/api/directory/services/{_fixture.CounsellingServiceId}", body)).EnsureSuccessStatusCode();
        (await _teamLead.PostAsJsonAsync($"/api/directory/services/{_fixture.CounsellingServiceId}/withdraw", new { reason = "The charity has closed" })).EnsureSuccessStatusCode();

        // The fixture's own listings may still be leaving the outbox as the probe is bound: only this service's messages count.
        var seen = new List<JsonElement>();
        bool Ours(JsonElement m) => m.GetProperty("serviceId").GetGuid() == _fixture.CounsellingServiceId && m.GetProperty("version").GetInt32() > 1;
        await Eventually.TrueAsync(async () =>
        {
            seen.AddRange(await factory.Broker.TakeMessagesAsync("changed-probe"));
            return seen.Any(Ours);
        }, what: "DirectoryServiceChanged published");
        // Anything a second copy would be has been published by now, with the withdrawal after it.
        seen.AddRange(await factory.Broker.TakeMessagesAsync("changed-probe"));
        var changed = seen.Where(Ours).ToList();
        var withdrawn = await Eventually.Until(() => factory.Broker.TakeMessagesAsync("withdrawn-probe"), m => m.Count > 0, what: "DirectoryServiceWithdrawn published");
        var change = Assert.Single(changed);
        Assert.Equal(_fixture.CounsellingServiceId, change.GetProperty("serviceId").GetGuid());
        Assert.Equal("waiting-list", change.GetProperty("capacity").GetString());
        Assert.Equal(2, change.GetProperty("version").GetInt32());
        Assert.Equal("The charity has closed", Assert.Single(withdrawn).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_withdrawn_service_leaves_the_feed_and_cannot_be_changed()
    {
        var id = _fixture.CounsellingServiceId;
        var body = DirectoryData.ServiceBody(_fixture.MindId, "Community Counselling", [_fixture.CounsellingTermId], [_fixture.LeedsLocationId]);

        var withdrawal = await _teamLead.PostAsJsonAsync($"/api/directory/services/{id}/withdraw", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, withdrawal.StatusCode);
        (await _teamLead.PostAsJsonAsync($"/api/directory/services/{id}/withdraw", new { reason = "Moved to another provider" })).EnsureSuccessStatusCode();
        var change = await _teamLead.PutAsJsonAsync($"/api/directory/services/{id}", body);

        Assert.Equal(HttpStatusCode.Conflict, change.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/oruk/services/{id}")).StatusCode);
        var listing = await _teamLead.GetFromJsonAsync<JsonElement>($"/api/directory/services/{id}");
        Assert.Equal("Moved to another provider", listing.GetProperty("withdrawnReason").GetString());
        Assert.False(listing.GetProperty("isListed").GetBoolean());
    }

    [Fact]
    public async Task Listings_nobody_confirmed_within_the_period_are_due_and_still_correct_resets_them()
    {
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
            await db.Services.Where(s => s.Id == _fixture.CounsellingServiceId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.VerifiedAt, DateTimeOffset.UtcNow.AddMonths(-7)));
        }

        var partner = factory.CreateClientAs(CareMeshRoles.VcsPartner, _fixture.MindId.ToString());
        var due = await partner.GetFromJsonAsync<JsonElement>($"/api/directory/organisations/{_fixture.MindId}/verification-due");
        var listing = await partner.GetFromJsonAsync<JsonElement>($"/api/directory/services/{_fixture.CounsellingServiceId}");
        (await partner.PostAsync($"/api/directory/services/{_fixture.CounsellingServiceId}/verify", null)).EnsureSuccessStatusCode();
        var dueAfter = await partner.GetFromJsonAsync<JsonElement>($"/api/directory/organisations/{_fixture.MindId}/verification-due");

        Assert.Equal([_fixture.CounsellingServiceId], due.EnumerateArray().Select(d => d.GetProperty("serviceId").GetGuid()));
        Assert.True(listing.GetProperty("dueForVerification").GetBoolean());
        Assert.Empty(dueAfter.EnumerateArray());
    }

    [Fact]
    public async Task A_location_given_by_postcode_alone_is_placed_at_its_centroid()
    {
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
            db.Postcodes.Add(new CareMesh.Directory.Postcodes.Postcode { Code = "LS29JT", Latitude = 53.8067, Longitude = -1.5550 });
            await db.SaveChangesAsync();
        }

        var created = await new DirectoryData(_teamLead).PostAsync("/api/directory/locations", new
        {
            organisationId = _fixture.MindId,
            locationType = "physical",
            name = "University",
            addresses = new[] { new { address1 = "Woodhouse Lane", city = "Leeds", stateProvince = "West Yorkshire", postalCode = "ls2 9jt", country = "GB", addressType = "physical" } },
        });

        Assert.Equal(53.8067, created.GetProperty("latitude").GetDouble());
        Assert.Equal("LS2 9JT", created.GetProperty("addresses")[0].GetProperty("postalCode").GetString());
    }

    private async Task<int> CountServicesAsync()
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DirectoryDbContext>().Services.CountAsync();
    }
}
