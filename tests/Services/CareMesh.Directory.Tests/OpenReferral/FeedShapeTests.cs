using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CareMesh.Directory.Tests.OpenReferral;

/// <summary>Every /oruk endpoint answers in the standard's shapes, checked against its JSON Schemas.</summary>
public class FeedShapeTests(DirectoryServiceFactory factory) : IClassFixture<DirectoryServiceFactory>, IAsyncLifetime
{
    private readonly HttpClient _anonymous = factory.CreateClient();

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_endpoint_conforms_to_the_standard_for_a_directory_with_every_optional_part()
    {
        var fixture = await FeedFixture.CreateAsync(factory);
        var firstSal = FeedFixture.Ids(await GetJsonAsync("/oruk/service_at_locations"))[0];

        await AssertConformsAsync("/oruk/", "api_details.json");
        foreach (var list in new[] { "/oruk/services", "/oruk/services?full=true", "/oruk/services?minimal=true" })
        {
            await AssertConformsAsync(list, "service_list.json");
        }

        await AssertConformsAsync($"/oruk/services/{fixture.CounsellingServiceId}", "service.json");
        await AssertConformsAsync($"/oruk/services/{fixture.CarersCafeId}", "service.json");
        await AssertConformsAsync("/oruk/organizations", "organization_list.json");
        await AssertConformsAsync("/oruk/organizations?full_service=true", "organization_list.json");
        await AssertConformsAsync($"/oruk/organizations/{fixture.MindId}", "organization.json");
        await AssertConformsAsync("/oruk/taxonomies", "taxonomy_list.json");
        await AssertConformsAsync($"/oruk/taxonomies/{fixture.TaxonomyId}", "taxonomy.json");
        await AssertConformsAsync("/oruk/taxonomy_terms", "taxonomy_term_list.json");
        await AssertConformsAsync($"/oruk/taxonomy_terms/{fixture.CounsellingTermId}", "taxonomy_term.json");
        await AssertConformsAsync("/oruk/service_at_locations", "service_at_location_list.json");
        await AssertConformsAsync("/oruk/service_at_locations?full=true", "service_at_location_list.json");
        await AssertConformsAsync($"/oruk/service_at_locations/{firstSal}", "service_at_location.json");
    }

    [Fact]
    public async Task A_full_service_carries_every_part_it_was_listed_with()
    {
        var fixture = await FeedFixture.CreateAsync(factory);

        var service = await GetJsonAsync($"/oruk/services/{fixture.CounsellingServiceId}");

        foreach (var part in new[] { "schedules", "service_areas", "service_at_locations", "languages", "funding", "cost_options", "contacts", "attributes" })
        {
            Assert.True(service.GetProperty(part).GetArrayLength() > 0, $"{part} is empty");
        }

        Assert.Equal("Leeds Mind", service.GetProperty("organization").GetProperty("name").GetString());
        Assert.Equal("MO,TU", service.GetProperty("schedules")[0].GetProperty("byday").GetString());
        Assert.Equal("09:00:00", service.GetProperty("schedules")[0].GetProperty("opens_at").GetString());
        Assert.Equal("0113 496 0000", service.GetProperty("contacts")[0].GetProperty("phones")[0].GetProperty("number").GetString());
        var attribute = service.GetProperty("attributes")[0];
        Assert.Equal(fixture.CounsellingTermId, attribute.GetProperty("taxonomy_term_id").GetGuid());
        Assert.Equal("Needs", attribute.GetProperty("taxonomy_term").GetProperty("taxonomy").GetString());
        var location = service.GetProperty("service_at_locations")[0].GetProperty("location");
        Assert.Equal(DirectoryData.LeedsCivicHall.Latitude, location.GetProperty("latitude").GetDouble());
        Assert.Equal("1 Park Square", location.GetProperty("addresses")[0].GetProperty("address_1").GetString());
    }

    [Fact]
    public async Task Optional_fields_without_a_value_are_left_out_not_null()
    {
        var fixture = await FeedFixture.CreateAsync(factory);
        var sparse = DirectoryData.IdOf(await new DirectoryData(factory.CreateClientAs(CareMeshRoles.Admin)).PostAsync("/api/directory/services", new
        {
            organisationId = fixture.MindId, name = "Walk and talk", status = "active", capacity = "accepting-referrals", referralRoute = "signposting-only",
        }));

        foreach (var path in new[] { $"/oruk/services/{sparse}", "/oruk/services?full=true", "/oruk/organizations?full_service=true", "/oruk/service_at_locations?full=true", "/oruk/taxonomy_terms" })
        {
            var json = await GetJsonAsync(path);
            Assert.Empty(NullProperties(json, "$"));
        }

        var service = await GetJsonAsync($"/oruk/services/{sparse}");
        Assert.False(service.TryGetProperty("description", out _));
        Assert.False(service.TryGetProperty("minimum_age", out _));
    }

    [Fact]
    public async Task Every_list_conforms_and_says_it_is_empty_when_the_directory_is_empty()
    {
        foreach (var (path, schema) in new[]
                 {
                     ("/oruk/services", "service_list.json"), ("/oruk/organizations", "organization_list.json"),
                     ("/oruk/taxonomies", "taxonomy_list.json"), ("/oruk/taxonomy_terms", "taxonomy_term_list.json"),
                     ("/oruk/service_at_locations", "service_at_location_list.json"),
                 })
        {
            var page = await AssertConformsAsync(path, schema);
            Assert.Equal(0, page.GetProperty("total_items").GetInt32());
            Assert.Equal(0, page.GetProperty("total_pages").GetInt32());
            Assert.True(page.GetProperty("empty").GetBoolean());
            Assert.True(page.GetProperty("first_page").GetBoolean());
            Assert.Empty(page.GetProperty("contents").EnumerateArray());
        }
    }

    [Theory]
    [InlineData("/oruk/services/{0}")]
    [InlineData("/oruk/organizations/{0}")]
    [InlineData("/oruk/taxonomies/{0}")]
    [InlineData("/oruk/taxonomy_terms/{0}")]
    [InlineData("/oruk/service_at_locations/{0}")]
    public async Task An_unknown_or_malformed_id_is_a_404_problem(string template)
    {
        foreach (var id in new[] { Guid.NewGuid().ToString(), "not-an-id" })
        {
            var response = await _anonymous.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, id));

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Services_that_are_private_inactive_or_withdrawn_stay_out_of_the_feed()
    {
        var fixture = await FeedFixture.CreateAsync(factory);

        var listed = FeedFixture.Ids(await GetJsonAsync("/oruk/services"));
        var atLocations = (await GetJsonAsync("/oruk/service_at_locations")).GetProperty("contents").EnumerateArray()
            .Select(sal => sal.GetProperty("service_id").GetGuid());
        var organisation = (await GetJsonAsync($"/oruk/organizations/{fixture.MindId}")).GetProperty("services").EnumerateArray()
            .Select(s => s.GetProperty("id").GetGuid());

        Assert.Equal(new[] { fixture.CounsellingServiceId, fixture.CarersCafeId }.Order(), listed.Order());
        Assert.Equal(new[] { fixture.CounsellingServiceId, fixture.CarersCafeId }.Order(), atLocations.Order());
        Assert.Equal([fixture.CounsellingServiceId], organisation);
        foreach (var unlisted in fixture.UnlistedServiceIds)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync($"/oruk/services/{unlisted}")).StatusCode);
        }
    }

    private async Task<JsonElement> AssertConformsAsync(string path, string schema)
    {
        var response = await _anonymous.GetAsync(path);
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {json}");
        await OrukSchemas.AssertValidAsync(schema, json);
        return JsonDocument.Parse(json).RootElement;
    }

    private async Task<JsonElement> GetJsonAsync(string path) => await _anonymous.GetFromJsonAsync<JsonElement>(path);

    private static IEnumerable<string> NullProperties(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => p.Value.ValueKind == JsonValueKind.Null ? [$"{path}.{p.Name}"] : NullProperties(p.Value, $"{path}.{p.Name}")),
        JsonValueKind.Array => element.EnumerateArray().SelectMany((item, i) => NullProperties(item, $"{path}[{i}]")),
        _ => [],
    };
}
