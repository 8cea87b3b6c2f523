using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMesh.Directory.Data;
using CareMesh.Directory.Postcodes;
using CareMesh.Directory.Tests.OpenReferral;
using Microsoft.Extensions.DependencyInjection;

namespace CareMesh.Directory.Tests.Search;

/// <summary>Coordinators' search: text, category, distance and circumstances, ranked and explained.</summary>
public class SearchTests(DirectoryServiceFactory factory) : IClassFixture<DirectoryServiceFactory>, IAsyncLifetime
{
    private FeedFixture _fixture = null!;
    private HttpClient _coordinator = null!;
    private Guid _listeningService;

    public async Task InitializeAsync()
    {
        await factory.ResetAsync();
        _fixture = await FeedFixture.CreateAsync(factory);
        // Mentions counselling only in its description: found by the word, ranked below a service named for it.
        var data = new DirectoryData(factory.CreateClientAs(CareMeshRoles.TeamLead));
        _listeningService = DirectoryData.IdOf(await data.ServiceAsync(_fixture.MindId, "Listening ear", [], [_fixture.LeedsLocationId], body =>
        {
            body["description"] = "Telephone support; we can arrange counselling later.";
            body["minimumAge"] = 65;
            body["maximumAge"] = null;
            body["capacity"] = "waiting-list";
            body["typicalWaitWeeks"] = 4;
        }));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        db.Postcodes.Add(new Postcode { Code = "LS29JT", Latitude = 53.8067, Longitude = -1.5550 });
        await db.SaveChangesAsync();
        _coordinator = factory.CreateClientAs(CareMeshRoles.CareCoordinator);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_misspelt_word_finds_what_it_was_meant_to_and_says_how_it_was_read()
    {
        var results = await SearchAsync("q=councelling");

        Assert.Equal([_fixture.CounsellingServiceId, _listeningService], ServiceIds(results));
        Assert.Equal("counselling", results.GetProperty("readAs").GetProperty("councelling").GetString());
    }

    [Fact]
    public async Task Words_match_their_other_forms_and_a_name_outranks_a_description()
    {
        var carer = await SearchAsync("q=carer");
        var counselling = await SearchAsync("q=counselling");

        Assert.Equal([_fixture.CarersCafeId], ServiceIds(carer));
        Assert.Equal([_fixture.CounsellingServiceId, _listeningService], ServiceIds(counselling));
        var scores = counselling.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("score").GetDouble()).ToList();
        Assert.True(scores[0] > scores[1]);
        Assert.Contains("matches its name", Reasons(counselling, 0));
        Assert.Contains("matches its description", Reasons(counselling, 1));
    }

    [Fact]
    public async Task A_need_category_includes_the_narrower_ones_under_it()
    {
        var results = await SearchAsync($"taxonomyTermId={_fixture.MentalHealthTermId}");

        Assert.Equal([_fixture.CounsellingServiceId], ServiceIds(results));
        Assert.Contains("listed under Counselling", Reasons(results, 0));
    }

    [Fact]
    public async Task Distance_from_a_postcode_limits_and_orders_the_results_and_each_says_how_far()
    {
        var near = await SearchAsync("postcode=LS2%209JT&radiusKm=5");
        var wider = await SearchAsync("postcode=ls29jt&radiusKm=25");

        Assert.Equal(new[] { _fixture.CounsellingServiceId, _listeningService }.Order(), ServiceIds(near).Order());
        Assert.Equal(_fixture.CarersCafeId, ServiceIds(wider).Last());
        var nearest = near.GetProperty("results")[0];
        Assert.InRange(nearest.GetProperty("distanceKm").GetDouble(), 0.5, 1.0);
        Assert.Contains("km from LS2 9JT (Civic Hall)", Reasons(near, 0));
    }

    [Fact]
    public async Task Circumstances_filter_by_age_cost_capacity_and_opening_day()
    {
        Assert.Equal([_listeningService], ServiceIds(await SearchAsync("q=counselling&age=70&acceptingReferrals=false")).Where(id => id == _listeningService));
        Assert.Equal([_fixture.CounsellingServiceId], ServiceIds(await SearchAsync("q=counselling&age=30")));
        Assert.DoesNotContain(_fixture.CarersCafeId, ServiceIds(await SearchAsync("freeOnly=true")));
        Assert.DoesNotContain(_listeningService, ServiceIds(await SearchAsync("q=counselling&acceptingReferrals=true")));
        Assert.Equal([_fixture.CarersCafeId], ServiceIds(await SearchAsync("openOn=saturday")).Where(id => id == _fixture.CarersCafeId));
        Assert.DoesNotContain(_fixture.CarersCafeId, ServiceIds(await SearchAsync("openOn=2026-11-24")));
        Assert.Contains(_fixture.CounsellingServiceId, ServiceIds(await SearchAsync("openOn=2026-11-24")));
    }

    [Fact]
    public async Task Unlisted_services_are_never_found()
    {
        var results = await SearchAsync("q=counselling&radiusKm=50&latitude=53.8&longitude=-1.55");

        Assert.DoesNotContain(ServiceIds(results), _fixture.UnlistedServiceIds.Contains);
    }

    [Fact]
    public async Task Distance_search_follows_a_place_that_moves_and_a_service_that_leaves()
    {
        var lead = factory.CreateClientAs(CareMeshRoles.TeamLead);
        var before = ServiceIds(await SearchAsync("postcode=LS2%209JT&radiusKm=5"));
        // Leeds Civic Hall's service moves to Bradford: no longer within 5 km of LS2 9JT.
        (await lead.PutAsJsonAsync($"/api/directory/locations/{_fixture.LeedsLocationId}",
            DirectoryData.LocationBody(_fixture.MindId, "Civic Hall", DirectoryData.BradfordCityHall))).EnsureSuccessStatusCode();
        var moved = ServiceIds(await SearchAsync("postcode=LS2%209JT&radiusKm=5"));
        var nearBradford = ServiceIds(await SearchAsync("latitude=53.7925&longitude=-1.7527&radiusKm=1"));
        (await lead.PostAsJsonAsync($"/api/directory/services/{_fixture.CarersCafeId}/withdraw", new { reason = "Closed" })).EnsureSuccessStatusCode();
        var afterWithdrawal = ServiceIds(await SearchAsync("latitude=53.7925&longitude=-1.7527&radiusKm=1"));

        Assert.Contains(_fixture.CounsellingServiceId, before);
        Assert.Empty(moved);
        Assert.Contains(_fixture.CounsellingServiceId, nearBradford);
        Assert.Contains(_fixture.CarersCafeId, nearBradford);
        Assert.DoesNotContain(_fixture.CarersCafeId, afterWithdrawal);
        Assert.Contains(_fixture.CounsellingServiceId, afterWithdrawal);
    }

    [Theory]
    [InlineData("", "q")]
    [InlineData("q=%20%2B%2B%20", "q")]
    [InlineData("openOn=someday", "openOn")]
    [InlineData("radiusKm=5", "radiusKm")]
    [InlineData("postcode=LS2%209JT&radiusKm=500", "radiusKm")]
    [InlineData("postcode=ZZ99%209ZZ", "postcode")]
    [InlineData("age=200", "age")]
    [InlineData("q=help&pageSize=500", "pageSize")]
    [InlineData("q=%00", "q")]
    [InlineData("postcode=LS1%00", "postcode")]
    public async Task A_search_it_cannot_run_is_a_400_problem_naming_the_field(string query, string field)
    {
        var response = await _coordinator.GetAsync($"/api/directory/search?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("q=a&page=107374184")]
    [InlineData("q=help&page=2147483647&pageSize=50")]
    public async Task A_page_far_past_the_end_is_empty(string query)
    {
        var results = await SearchAsync(query);

        Assert.Empty(results.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public async Task An_unknown_category_is_a_400_problem()
    {
        var response = await _coordinator.GetAsync($"/api/directory/search?taxonomyTermId={Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<JsonElement> SearchAsync(string query)
    {
        var response = await _coordinator.GetAsync($"/api/directory/search?{query}");
        Assert.True(response.IsSuccessStatusCode, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Guid[] ServiceIds(JsonElement results) =>
        [.. results.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("serviceId").GetGuid())];

    private static string Reasons(JsonElement results, int index) =>
        string.Join("; ", results.GetProperty("results")[index].GetProperty("matchedBecause").EnumerateArray().Select(r => r.GetString()));
}
