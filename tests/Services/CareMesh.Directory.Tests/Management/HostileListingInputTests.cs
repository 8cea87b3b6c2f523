using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CareMesh.Directory.Tests.OpenReferral;

namespace CareMesh.Directory.Tests.Management;

/// <summary>
/// Writes that fuzzing once turned into a 500 or let past an object-level rule: each is now a 4xx
/// problem naming the field, and changes nothing, or (adding a location) simply works.
/// </summary>
public class HostileListingInputTests(DirectoryServiceFactory factory) : IClassFixture<DirectoryServiceFactory>, IAsyncLifetime
{
    private FeedFixture _fixture = null!;
    private HttpClient _teamLead = null!;
    private HttpClient _carersPartner = null!;

    public async Task InitializeAsync()
    {
        await factory.ResetAsync();
        _fixture = await FeedFixture.CreateAsync(factory);
        _teamLead = factory.CreateClientAs(CareMeshRoles.TeamLead);
        _carersPartner = factory.CreateClientAs(CareMeshRoles.VcsPartner, _fixture.CarersId.ToString());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_change_that_adds_locations_lists_the_service_at_them()
    {
        var secondHall = await new DirectoryData(_teamLead).LocationAsync(_fixture.CarersId, "Carers hub", DirectoryData.LeedsCivicHall);
        var fromOne = DirectoryData.ServiceBody(_fixture.CarersId, "Carers Café", [_fixture.CarersTermId], [_fixture.BradfordLocationId, secondHall]);

        var added = await _carersPartner.PutAsJsonAsync($"/api/directory/services/{_fixture.CarersCafeId}", fromOne);
        var emptied = await _carersPartner.PutAsJsonAsync($"/api/directory/services/{_fixture.CarersCafeId}",
            DirectoryData.ServiceBody(_fixture.CarersId, "Carers Café", [_fixture.CarersTermId], []));
        var fromNone = await _carersPartner.PutAsJsonAsync($"/api/directory/services/{_fixture.CarersCafeId}",
            DirectoryData.ServiceBody(_fixture.CarersId, "Carers Café", [_fixture.CarersTermId], [secondHall]));

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, emptied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromNone.StatusCode);
        var service = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/oruk/services/{_fixture.CarersCafeId}");
        Assert.Equal([secondHall], service.GetProperty("service_at_locations").EnumerateArray().Select(s => s.GetProperty("location").GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task A_partner_cannot_list_its_service_at_another_organisations_location()
    {
        var before = await FeedAsync();
        var atMindsHall = DirectoryData.ServiceBody(_fixture.CarersId, "Carers Café", [_fixture.CarersTermId], [_fixture.LeedsLocationId]);

        var created = await _carersPartner.PostAsJsonAsync("/api/directory/services", atMindsHall);
        var changed = await _carersPartner.PutAsJsonAsync($"/api/directory/services/{_fixture.CarersCafeId}", atMindsHall);

        foreach (var response in new[] { created, changed })
        {
            var errors = await ErrorsAsync(response, HttpStatusCode.BadRequest);
            // Worded exactly as for a location that does not exist: the partner learns nothing of others' places.
            Assert.Equal($"There is no location {_fixture.LeedsLocationId}.", errors.GetProperty("locationIds")[0].GetString());
        }

        Assert.Equal(before, await FeedAsync());
    }

    [Fact]
    public async Task A_partner_cannot_place_its_organisation_under_another()
    {
        var before = await FeedAsync();
        var underMind = new { name = "Carers Leeds", description = "Carers Leeds supports carers.", parentOrganisationId = _fixture.MindId };

        var response = await _carersPartner.PutAsJsonAsync($"/api/directory/organisations/{_fixture.CarersId}", underMind);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await FeedAsync());
    }

    [Fact]
    public async Task The_team_sets_parents_but_not_in_a_circle()
    {
        var child = await new DirectoryData(_teamLead).OrganisationAsync("Leeds Mind youth", _fixture.MindId);

        var circle = await _teamLead.PutAsJsonAsync($"/api/directory/organisations/{_fixture.MindId}",
            new { name = "Leeds Mind", description = "Leeds Mind supports people.", parentOrganisationId = child });

        var errors = await ErrorsAsync(circle, HttpStatusCode.BadRequest);
        Assert.True(errors.TryGetProperty("parentOrganisationId", out _), errors.ToString());
    }

    public static TheoryData<string, string, string> NullItems() => new()
    {
        { "POST", "/api/directory/organisations", """{"name":"Org","description":"An organisation","identifiers":[null]}""" },
        { "POST", "/api/directory/locations", """{"organisationId":"{mind}","locationType":"physical","addresses":[null]}""" },
        { "POST", "/api/directory/locations", """{"organisationId":"{mind}","locationType":"physical","accessibility":[null]}""" },
        { "POST", "/api/directory/services", """{"organisationId":"{mind}","name":"S","status":"active","capacity":"accepting-referrals","referralRoute":"direct-referral","contacts":[null]}""" },
        { "POST", "/api/directory/services", """{"organisationId":"{mind}","name":"S","status":"active","capacity":"accepting-referrals","referralRoute":"direct-referral","languages":[null]}""" },
        { "POST", "/api/directory/services", """{"organisationId":"{mind}","name":"S","status":"active","capacity":"accepting-referrals","referralRoute":"direct-referral","locationIds":[null]}""" },
    };

    [Theory]
    [MemberData(nameof(NullItems))]
    public async Task A_null_inside_a_list_is_refused_against_the_list(string method, string path, string body)
    {
        var before = await FeedAsync();
        var json = body.Replace("{mind}", _fixture.MindId.ToString());
        var field = JsonDocument.Parse(json).RootElement.EnumerateObject().Single(p => p.Value.ValueKind == JsonValueKind.Array).Name;

        var response = await _teamLead.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

        var errors = await ErrorsAsync(response, HttpStatusCode.BadRequest);
        Assert.True(errors.EnumerateObject().Any(e => e.Name.Contains(field, StringComparison.OrdinalIgnoreCase)), $"no error for {field}: {errors}");
        Assert.Equal(before, await FeedAsync());
    }

    public static TheoryData<string, string> TextWithNul() => new()
    {
        { "/api/directory/organisations", """{"name":"Or\u0000g","description":"An organisation"}""" },
        { "/api/directory/locations", """{"organisationId":"{mind}","locationType":"physical","name":"Hall\u0000"}""" },
        { "/api/directory/services", """{"organisationId":"{mind}","name":"S\u0000","status":"active","capacity":"accepting-referrals","referralRoute":"direct-referral"}""" },
        { "/api/directory/services/{service}/withdraw", """{"reason":"Closed\u0000"}""" },
        { "/api/directory/taxonomies", """{"name":"Needs\u0000"}""" },
        { "/api/directory/organisations", """{"name":"\u200B\u200B","description":"An organisation"}""" },
        { "/api/directory/services/{service}/withdraw", """{"reason":"\u202Edesolc"}""" },
    };

    [Theory]
    [MemberData(nameof(TextWithNul))]
    public async Task Text_the_policy_refuses_is_a_problem_on_its_field(string path, string body)
    {
        var before = await FeedAsync();
        var json = body.Replace("{mind}", _fixture.MindId.ToString());
        var target = path.Replace("{service}", _fixture.CounsellingServiceId.ToString());

        var response = await _teamLead.PostAsync(target, new StringContent(json, Encoding.UTF8, "application/json"));

        var errors = await ErrorsAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(errors.EnumerateObject());
        Assert.Equal(before, await FeedAsync());
    }

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.GetProperty("errors");
    }

    /// <summary>Everything the feed and the management API show of the fixture: any change shows in it.</summary>
    private async Task<string> FeedAsync()
    {
        var anonymous = factory.CreateClient();
        var services = await anonymous.GetStringAsync("/oruk/services?full=true&per_page=1000");
        var organisations = await anonymous.GetStringAsync("/oruk/organizations?per_page=1000");
        var locations = await anonymous.GetStringAsync("/oruk/service_at_locations?per_page=1000");
        var history = await _teamLead.GetStringAsync($"/api/directory/services/{_fixture.CounsellingServiceId}/history");
        var org = await _teamLead.GetStringAsync($"/api/directory/organisations/{_fixture.CarersId}");
        return string.Join("\n", services, organisations, locations, history, org);
    }
}
