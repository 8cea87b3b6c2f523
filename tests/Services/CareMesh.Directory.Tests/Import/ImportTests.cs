using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareMesh.Directory.Data;
using CareMesh.Directory.Tests.OpenReferral;
using CareMesh.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareMesh.Directory.Tests.Import;

/// <summary>Importing another directory's Open Referral UK feed: from a file or its address, idempotently, refusing what our rules refuse.</summary>
public class ImportTests(ImportingDirectoryFactory factory) : IClassFixture<ImportingDirectoryFactory>, IAsyncLifetime
{
    private readonly HttpClient _teamLead = factory.CreateClientAs(CareMeshRoles.TeamLead);
    private FeedServer _feed = null!;

    public async Task InitializeAsync()
    {
        await factory.ResetAsync();
        _feed = await FeedServer.StartAsync();
    }

    public async Task DisposeAsync() => await _feed.DisposeAsync();

    [Fact]
    public async Task The_standards_example_imports_from_a_file_as_a_listing_owned_by_its_organisation()
    {
        var example = FeedServices.Valid();
        var id = FeedServices.IdOf(example);

        var report = await ImportFileAsync(new JsonObject { ["contents"] = new JsonArray(example) });

        Assert.Equal((1, 1, 0, 0, 0), Counts(report));
        Assert.Equal(1, report.GetProperty("organisationsCreated").GetInt32());
        Assert.Equal(1, report.GetProperty("locationsCreated").GetInt32());
        var listing = await _teamLead.GetFromJsonAsync<JsonElement>($"/api/directory/services/{id}");
        Assert.Equal(FeedServices.ExampleOrganisationId, listing.GetProperty("organisationId").GetGuid());
        Assert.Equal("Community Counselling", listing.GetProperty("name").GetString());
        Assert.Equal([FeedServices.ExampleLocationId], listing.GetProperty("locationIds").EnumerateArray().Select(l => l.GetGuid()));
        // What the standard does not carry starts cautious: taking referrals, but only by signposting.
        Assert.Equal("accepting-referrals", listing.GetProperty("capacity").GetString());
        Assert.Equal("signposting-only", listing.GetProperty("referralRoute").GetString());
        Assert.Equal("TH,FR", listing.GetProperty("schedules")[0].GetProperty("byDay").GetString());
        Assert.Equal(35m, listing.GetProperty("costOptions")[0].GetProperty("amount").GetDecimal());
        Assert.Single(listing.GetProperty("taxonomyTermIds").EnumerateArray());
        var history = await _teamLead.GetFromJsonAsync<JsonElement>($"/api/directory/services/{id}/history");
        Assert.Equal(("imported", CareMeshRoles.TeamLead), (history[0].GetProperty("change").GetString(), history[0].GetProperty("changedByRole").GetString()));
        Assert.Equal(1, await OutboxEventsAsync());
    }

    [Fact]
    public async Task The_standards_example_as_published_is_rejected_with_its_reasons_and_nothing_is_stored()
    {
        var report = await ImportFileAsync(new JsonArray(FeedServices.Example()));

        Assert.Equal((1, 0, 0, 1, 0), Counts(report));
        var rejection = report.GetProperty("rejected")[0];
        Assert.Equal("ac148810-d857-441c-9679-408f346de14b", rejection.GetProperty("serviceId").GetString());
        Assert.Equal("Community Counselling", rejection.GetProperty("name").GetString());
        var reasons = rejection.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains(reasons, r => r.StartsWith("service_at_locations[0].location.latitude:", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("languages[0].name:", StringComparison.Ordinal));
        Assert.Equal((0, 0, 0), await CountRowsAsync());
    }

    [Fact]
    public async Task A_feed_is_imported_from_its_address_page_by_page()
    {
        _feed.Services.AddRange([FeedServices.Valid("Counselling A"), FeedServices.Valid("Counselling B"), FeedServices.Valid("Counselling C")]);

        var report = await ImportUrlAsync(_feed.Feed);

        Assert.Equal(2, report.GetProperty("pagesRead").GetInt32());
        Assert.Equal((3, 3, 0, 0, 0), Counts(report));
        Assert.Equal(1, report.GetProperty("organisationsCreated").GetInt32());
        Assert.Equal(1, report.GetProperty("locationsCreated").GetInt32());
        Assert.Equal(
            [$"/oruk/services?page=1&per_page={ImportingDirectoryFactory.PageSize}&full=true", $"/oruk/services?page=2&per_page={ImportingDirectoryFactory.PageSize}&full=true"],
            _feed.Requests);
        Assert.Equal((3, 1, 1), await CountRowsAsync());
    }

    [Fact]
    public async Task A_list_of_summaries_is_completed_from_each_services_own_endpoint()
    {
        _feed.Services.AddRange([FeedServices.Valid("Counselling A"), FeedServices.Valid("Counselling B")]);
        _feed.ListsSummariesOnly = true;

        var report = await ImportUrlAsync(_feed.Feed);

        Assert.Equal((2, 2, 0, 0, 0), Counts(report));
        Assert.Contains($"/oruk/services/{FeedServices.IdOf(_feed.Services[1])}", _feed.Requests);
        var listing = await _teamLead.GetFromJsonAsync<JsonElement>($"/api/directory/services/{FeedServices.IdOf(_feed.Services[1])}");
        Assert.Equal(FeedServices.ExampleOrganisationId, listing.GetProperty("organisationId").GetGuid());
    }

    [Fact]
    public async Task Importing_the_same_feed_again_duplicates_nothing_and_a_changed_name_updates_its_service()
    {
        _feed.Services.AddRange([FeedServices.Valid("Counselling A"), FeedServices.Valid("Counselling B"), FeedServices.Valid("Counselling C")]);
        await ImportUrlAsync(_feed.Feed);
        var rowsAfterFirst = await CountRowsAsync();

        var again = await ImportUrlAsync(_feed.Feed);

        Assert.Equal((3, 0, 0, 0, 3), Counts(again));
        Assert.Equal((0, 0, 0, 0), (again.GetProperty("organisationsCreated").GetInt32(), again.GetProperty("organisationsUpdated").GetInt32(),
            again.GetProperty("locationsCreated").GetInt32(), again.GetProperty("locationsUpdated").GetInt32()));
        Assert.Equal(rowsAfterFirst, await CountRowsAsync());
        var renamed = FeedServices.IdOf(_feed.Services[1]);
        Assert.Single((await HistoryAsync(renamed)).EnumerateArray());
        Assert.Equal(3, await OutboxEventsAsync());

        _feed.Services[1]["name"] = "Counselling B (evenings)";
        var changed = await ImportUrlAsync(_feed.Feed);

        Assert.Equal((3, 0, 1, 0, 2), Counts(changed));
        var listing = await _teamLead.GetFromJsonAsync<JsonElement>($"/api/directory/services/{renamed}");
        Assert.Equal(("Counselling B (evenings)", 2), (listing.GetProperty("name").GetString(), listing.GetProperty("version").GetInt32()));
        Assert.Equal([2, 1], (await HistoryAsync(renamed)).EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(rowsAfterFirst, await CountRowsAsync());
    }

    [Fact]
    public async Task A_re_import_leaves_capacity_and_referral_route_as_the_team_set_them()
    {
        var service = FeedServices.Valid();
        var id = FeedServices.IdOf(service);
        await ImportFileAsync(new JsonArray(service));
        var body = DirectoryData.ServiceBody(FeedServices.ExampleOrganisationId, "Community Counselling", [], [FeedServices.ExampleLocationId]);
        body["capacity"] = "waiting-list";
        body["typicalWaitWeeks"] = 6;
        body["referralRoute"] = "direct-referral";
        (await _teamLead.PutAsJsonAsync($"/api/directory/services/{id}", body)).EnsureSuccessStatusCode();

        var report = await ImportFileAsync(new JsonArray(FeedServices.Valid()));

        Assert.Equal(1, report.GetProperty("servicesUpdated").GetInt32());
        var listing = await _teamLead.GetFromJsonAsync<JsonElement>($"/api/directory/services/{id}");
        Assert.Equal(("waiting-list", 6, "direct-referral"),
            (listing.GetProperty("capacity").GetString(), listing.GetProperty("typicalWaitWeeks").GetInt32(), listing.GetProperty("referralRoute").GetString()));
        Assert.StartsWith("Counselling Services provided by trained professionals.", listing.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_service_is_rejected_with_its_reasons_while_the_others_import()
    {
        var good = FeedServices.Valid("Good counselling");
        var bad = FeedServices.Valid("Bad counselling");
        bad["email"] = "not-an-email";
        bad["schedules"]![0]!["opens_at"] = "18:00:00";
        bad["schedules"]![0]!["closes_at"] = "09:00:00";
        bad["contacts"]![0]!["phones"] = new JsonArray(new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["number"] = "12345" });
        var unreadable = FeedServices.Valid("Unreadable counselling");
        unreadable["id"] = "not-a-uuid";
        var alsoGood = FeedServices.Valid("Also good counselling");

        var report = await ImportFileAsync(new JsonArray(good, bad, unreadable, alsoGood));

        Assert.Equal((4, 2, 0, 2, 0), Counts(report));
        var rejected = report.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("reasons").EnumerateArray().Select(x => x.GetString()!).ToList());
        Assert.Contains(rejected["Bad counselling"], r => r.StartsWith("email:", StringComparison.Ordinal));
        Assert.Contains(rejected["Bad counselling"], r => r.StartsWith("schedules[0].closesAt:", StringComparison.Ordinal));
        Assert.Contains(rejected["Bad counselling"], r => r.StartsWith("contacts[0].phones[0].number:", StringComparison.Ordinal));
        Assert.Contains(rejected["Unreadable counselling"], r => r.Contains("could not be read", StringComparison.Ordinal));
        Assert.Equal("not-a-uuid", report.GetProperty("rejected")[1].GetProperty("serviceId").GetString());
        Assert.Equal((2, 1, 1), await CountRowsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _teamLead.GetAsync($"/api/directory/services/{FeedServices.IdOf(bad)}")).StatusCode);
    }

    [Fact]
    public async Task Imported_services_are_published_in_the_open_feed_in_the_standards_shape()
    {
        _feed.Services.AddRange([FeedServices.Valid("Counselling A"), FeedServices.Valid("Counselling B")]);
        await ImportUrlAsync(_feed.Feed);
        var anonymous = factory.CreateClient();

        var list = await anonymous.GetStringAsync("/oruk/services?full=true");
        var one = await anonymous.GetStringAsync($"/oruk/services/{FeedServices.IdOf(_feed.Services[0])}");

        await OrukSchemas.AssertValidAsync("service_list.json", list);
        await OrukSchemas.AssertValidAsync("service.json", one);
        Assert.Equal(2, JsonDocument.Parse(list).RootElement.GetProperty("total_items").GetInt32());
        var published = JsonDocument.Parse(one).RootElement;
        Assert.Equal("Example Organization Inc.", published.GetProperty("organization").GetProperty("name").GetString());
        Assert.Equal("MyCity Civic Center", published.GetProperty("service_at_locations")[0].GetProperty("location").GetProperty("name").GetString());
        Assert.Equal("taxonomy", published.GetProperty("attributes")[0].GetProperty("taxonomy_term").GetProperty("taxonomy").GetString());
    }

    [Theory]
    [InlineData(CareMeshRoles.CareCoordinator)]
    [InlineData(CareMeshRoles.Clinician)]
    [InlineData(CareMeshRoles.VcsPartner)]
    [InlineData(CareMeshRoles.Ops)]
    public async Task Only_the_PCNs_team_may_import(string role)
    {
        var client = factory.CreateClientAs(role);

        var fromUrl = await client.PostAsJsonAsync("/api/directory/imports", new { url = _feed.Feed.ToString() });
        var fromFile = await client.PostAsync("/api/directory/imports/file", Json(new JsonArray(FeedServices.Valid())));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (fromUrl.StatusCode, fromFile.StatusCode));
        Assert.Empty(_feed.Requests);
        Assert.Equal((0, 0, 0), await CountRowsAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not an address")]
    [InlineData("ftp://other.example/oruk")]
    [InlineData("https://user:secret@other.example/oruk")]
    public async Task A_bad_address_is_refused(string? url)
    {
        var response = await _teamLead.PostAsJsonAsync("/api/directory/imports", new { url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("url", out _));
    }

    [Theory]
    [InlineData("nowhere", "404")]
    [InlineData("not-json", "did not answer with JSON")]
    public async Task A_feed_that_cannot_be_read_is_a_bad_gateway_saying_what_failed(string path, string detail)
    {
        var response = await _teamLead.PostAsJsonAsync("/api/directory/imports", new { url = new Uri(_feed.Root, path).ToString() });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, problem.GetProperty("report").GetProperty("pagesRead").GetInt32());
    }

    [Theory]
    [InlineData("{\"services\": []}")]
    [InlineData("\"a string\"")]
    [InlineData("{not json")]
    public async Task A_file_that_is_not_a_list_of_services_is_refused(string body)
    {
        var response = await _teamLead.PostAsync("/api/directory/imports/file", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_file_of_more_services_than_a_feed_page_holds_is_refused_unread()
    {
        var services = new JsonArray([.. Enumerable.Range(0, CareMesh.Directory.Import.ImportsApi.MaxFileServices + 1).Select(_ => (JsonNode)new JsonObject())]);

        var response = await _teamLead.PostAsync("/api/directory/imports/file", Json(new JsonObject { ["contents"] = services }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The feed file holds too many services.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal((0, 0, 0), await CountRowsAsync());
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_unread()
    {
        var service = FeedServices.Valid();
        service["description"] = new string('x', ImportingDirectoryFactory.MaxDocumentBytes);

        var response = await _teamLead.PostAsync("/api/directory/imports/file", Json(new JsonArray(service)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal((0, 0, 0), await CountRowsAsync());
    }

    [Fact]
    public async Task A_service_withdrawn_here_is_not_brought_back_by_a_re_import()
    {
        var service = FeedServices.Valid();
        var id = FeedServices.IdOf(service);
        await ImportFileAsync(new JsonArray(service));
        (await _teamLead.PostAsJsonAsync($"/api/directory/services/{id}/withdraw", new { reason = "Closed for good" })).EnsureSuccessStatusCode();

        var report = await ImportFileAsync(new JsonArray(FeedServices.Valid()));

        Assert.Contains("withdrawn", report.GetProperty("rejected")[0].GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
        var listing = await _teamLead.GetFromJsonAsync<JsonElement>($"/api/directory/services/{id}");
        Assert.Equal(("defunct", 2), (listing.GetProperty("status").GetString(), listing.GetProperty("version").GetInt32()));
    }

    private async Task<JsonElement> ImportFileAsync(JsonNode feed)
    {
        var response = await _teamLead.PostAsync("/api/directory/imports/file", Json(feed));
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> ImportUrlAsync(Uri feed)
    {
        var response = await _teamLead.PostAsJsonAsync("/api/directory/imports", new { url = feed.ToString() });
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>Services read, created, updated, rejected and unchanged.</summary>
    private static (int, int, int, int, int) Counts(JsonElement report) => (
        report.GetProperty("servicesRead").GetInt32(), report.GetProperty("servicesCreated").GetInt32(), report.GetProperty("servicesUpdated").GetInt32(),
        report.GetProperty("servicesRejected").GetInt32(), report.GetProperty("servicesUnchanged").GetInt32());

    private Task<JsonElement> HistoryAsync(Guid serviceId) => _teamLead.GetFromJsonAsync<JsonElement>($"/api/directory/services/{serviceId}/history");

    /// <summary>Services, organisations and locations stored, with every row that hangs off them counted in the first.</summary>
    private async Task<(int Services, int Organisations, int Locations)> CountRowsAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        var services = await db.Services.CountAsync();
        Assert.Equal(services, await db.ServiceAtLocations.CountAsync());
        Assert.Equal(services > 0 ? 1 : 0, await db.TaxonomyTerms.CountAsync());
        Assert.Equal(services > 0 ? 1 : 0, await db.Taxonomies.CountAsync());
        return (services, await db.Organisations.CountAsync(), await db.Locations.CountAsync());
    }

    private async Task<int> OutboxEventsAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        return await db.Set<OutboxMessage>().CountAsync(m => m.MessageType.Contains("DirectoryServiceChanged"));
    }
}
