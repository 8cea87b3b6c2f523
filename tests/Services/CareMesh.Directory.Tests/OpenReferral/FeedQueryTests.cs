using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMesh.Directory.Data;
using CareMesh.Directory.Postcodes;
using Microsoft.Extensions.DependencyInjection;

namespace CareMesh.Directory.Tests.OpenReferral;

/// <summary>The feed's filters (combined with AND), paging and proximity.</summary>
public class FeedQueryTests(DirectoryServiceFactory factory) : IClassFixture<DirectoryServiceFactory>, IAsyncLifetime
{
    private readonly HttpClient _anonymous = factory.CreateClient();
    private FeedFixture _fixture = null!;

    public async Task InitializeAsync()
    {
        await factory.ResetAsync();
        _fixture = await FeedFixture.CreateAsync(factory);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Each_service_filter_narrows_the_list_and_filters_combine_with_and()
    {
        var both = new[] { _fixture.CounsellingServiceId, _fixture.CarersCafeId }.Order().ToArray();

        Assert.Equal([_fixture.CounsellingServiceId], await ServiceIdsAsync("search=counselling"));
        Assert.Equal([_fixture.CarersCafeId], await ServiceIdsAsync("search=carers"));
        Assert.Equal([_fixture.CounsellingServiceId], await ServiceIdsAsync($"taxonomy_term_id={_fixture.CounsellingTermId}"));
        Assert.Equal(both, (await ServiceIdsAsync($"taxonomy_id={_fixture.TaxonomyId}")).Order());
        Assert.Equal([_fixture.CarersCafeId], await ServiceIdsAsync($"organization_id={_fixture.CarersId}"));
        Assert.Equal(both, (await ServiceIdsAsync($"modified_after={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}")).Order());
        Assert.Empty(await ServiceIdsAsync($"modified_after={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))}"));

        Assert.Equal([_fixture.CounsellingServiceId], await ServiceIdsAsync($"search=counselling&organization_id={_fixture.MindId}"));
        Assert.Empty(await ServiceIdsAsync($"search=counselling&organization_id={_fixture.CarersId}"));
        Assert.Empty(await ServiceIdsAsync($"taxonomy_term_id={_fixture.CarersTermId}&organization_id={_fixture.MindId}"));
    }

    [Fact]
    public async Task Pages_split_the_list_in_a_stable_order_and_say_where_they_are()
    {
        var all = await ServiceIdsAsync("per_page=10");

        var first = await _anonymous.GetFromJsonAsync<JsonElement>("/oruk/services?per_page=1&page=1");
        var second = await _anonymous.GetFromJsonAsync<JsonElement>("/oruk/services?per_page=1&page=2");
        var beyond = await _anonymous.GetFromJsonAsync<JsonElement>("/oruk/services?per_page=1&page=3");

        Assert.Equal(all, FeedFixture.Ids(first).Concat(FeedFixture.Ids(second)));
        Assert.Equal((2, 2, 1, 1, true, false, false), Envelope(first));
        Assert.Equal((2, 2, 2, 1, false, true, false), Envelope(second));
        Assert.Equal((2, 2, 3, 0, false, true, true), Envelope(beyond));
    }

    [Fact]
    public async Task Every_page_of_a_longer_list_front_or_back_holds_its_services_and_the_total_follows_the_listings()
    {
        var data = new DirectoryData(factory.CreateClientAs(CareMeshRoles.TeamLead));
        foreach (var name in new[] { "Art club", "Chair yoga", "Debt advice" })
        {
            await data.ServiceAsync(_fixture.MindId, name, [], []);
        }

        var all = await ServiceIdsAsync("per_page=10");
        var pages = new List<Guid>();
        for (var page = 1; page <= 5; page++)
        {
            pages.AddRange(await ServiceIdsAsync($"per_page=1&page={page}"));
        }

        var pairs = (await ServiceIdsAsync("per_page=2&page=2")).Concat(await ServiceIdsAsync("per_page=2&page=3"));
        await data.PostAsync($"/api/directory/services/{all[0]}/withdraw", new { reason = "Closed" });
        var afterWithdrawal = await _anonymous.GetFromJsonAsync<JsonElement>("/oruk/services?per_page=2&page=3");

        Assert.Equal(5, all.Length);
        Assert.Equal(all, pages);
        Assert.Equal(all[2..], pairs);
        Assert.Equal((4, 2, 3, 0, false, true, true), Envelope(afterWithdrawal));
    }

    [Theory]
    [InlineData("/oruk/services?page=0", "page")]
    [InlineData("/oruk/services?per_page=0", "per_page")]
    [InlineData("/oruk/services?per_page=100000", "per_page")]
    [InlineData("/oruk/taxonomy_terms?page=-1", "page")]
    [InlineData("/oruk/service_at_locations?postcode=NOT+A+POSTCODE", "postcode")]
    [InlineData("/oruk/service_at_locations?postcode=ZZ99+9ZZ", "postcode")]
    [InlineData("/oruk/service_at_locations?proximity=5000", "proximity")]
    [InlineData("/oruk/service_at_locations?latitude=53.8&longitude=-1.5&proximity=-1", "proximity")]
    [InlineData("/oruk/service_at_locations?latitude=120&longitude=-1.5", "latitude")]
    [InlineData("/oruk/service_at_locations?latitude=53.8", "latitude")]
    public async Task A_query_it_cannot_answer_is_a_400_problem_naming_the_parameter(string path, string parameter)
    {
        var response = await _anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task A_malformed_filter_value_is_a_400_problem()
    {
        foreach (var query in new[] { "taxonomy_term_id=counselling", "modified_after=yesterday", "page=first", "full=maybe" })
        {
            var response = await _anonymous.GetAsync($"/oruk/services?{query}");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Proximity_keeps_the_services_within_the_distance_nearest_first()
    {
        var (latitude, longitude) = DirectoryData.LeedsCivicHall;

        var near = await ServiceAtLocationServiceIdsAsync($"latitude={latitude}&longitude={longitude}&proximity=5000");
        var wider = await ServiceAtLocationServiceIdsAsync($"latitude={latitude}&longitude={longitude}&proximity=20000");
        var everywhere = await ServiceAtLocationServiceIdsAsync($"latitude={DirectoryData.BradfordCityHall.Latitude}&longitude={DirectoryData.BradfordCityHall.Longitude}");

        Assert.Equal([_fixture.CounsellingServiceId], near);
        Assert.Equal([_fixture.CounsellingServiceId, _fixture.CarersCafeId], wider);
        Assert.Equal([_fixture.CarersCafeId, _fixture.CounsellingServiceId], everywhere);
    }

    [Fact]
    public async Task A_postcode_measures_from_its_centroid()
    {
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
            // Bradford city centre, about 1 km from City Hall and 13 km from Leeds Civic Hall.
            db.Postcodes.Add(new Postcode { Code = "BD14AS", Latitude = 53.7960, Longitude = -1.7594 });
            await db.SaveChangesAsync();
        }

        Assert.Equal([_fixture.CarersCafeId], await ServiceAtLocationServiceIdsAsync("postcode=bd1+4as&proximity=5000"));
        Assert.Equal([_fixture.CarersCafeId, _fixture.CounsellingServiceId], await ServiceAtLocationServiceIdsAsync("postcode=BD1%204AS&proximity=20000"));
    }

    [Fact]
    public async Task Service_at_location_lists_take_the_service_filters_too()
    {
        Assert.Equal([_fixture.CarersCafeId], await ServiceAtLocationServiceIdsAsync($"taxonomy_term_id={_fixture.CarersTermId}"));
        Assert.Equal([_fixture.CounsellingServiceId], await ServiceAtLocationServiceIdsAsync($"search=counselling&latitude=53.8&longitude=-1.55&proximity=20000"));
    }

    [Fact]
    public async Task Taxonomy_terms_list_the_top_level_or_the_children_of_one()
    {
        var top = await _anonymous.GetFromJsonAsync<JsonElement>("/oruk/taxonomy_terms?top_only=true");
        var children = await _anonymous.GetFromJsonAsync<JsonElement>($"/oruk/taxonomy_terms?parent_id={_fixture.MentalHealthTermId}");

        Assert.Equal(new[] { _fixture.CarersTermId, _fixture.MentalHealthTermId }.Order(), FeedFixture.Ids(top).Order());
        Assert.Equal([_fixture.CounsellingTermId], FeedFixture.Ids(children));
    }

    [Fact]
    public async Task Any_web_page_may_read_the_feed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oruk/services");
        request.Headers.Add("Origin", "https://another-council.example");

        var response = await _anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Theory]
    [InlineData("/oruk/services?page=42949674")]
    [InlineData("/oruk/services?page=2147483647&per_page=1000")]
    [InlineData("/oruk/organizations?page=2147483647")]
    [InlineData("/oruk/taxonomies?page=2147483647")]
    [InlineData("/oruk/taxonomy_terms?page=2147483647")]
    [InlineData("/oruk/service_at_locations?page=2147483647")]
    [InlineData("/oruk/service_at_locations?page=2147483647&lat=53.8&long=-1.55")]
    public async Task A_page_far_past_the_end_is_an_empty_page(string path)
    {
        var response = await _anonymous.GetAsync(path);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(Envelope(page).Empty);
        Assert.Equal(0, page.GetProperty("contents").GetArrayLength());
    }

    [Fact]
    public async Task Modified_after_is_read_with_its_offset()
    {
        var both = new[] { _fixture.CounsellingServiceId, _fixture.CarersCafeId }.Order().ToArray();
        var hourAgo = DateTimeOffset.UtcNow.AddHours(-1).ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-ddTHH:mm:sszzz");
        var inAnHour = DateTimeOffset.UtcNow.AddHours(1).ToOffset(TimeSpan.FromHours(-5)).ToString("yyyy-MM-ddTHH:mm:sszzz");

        Assert.Equal(both, (await ServiceIdsAsync($"modified_after={Uri.EscapeDataString(hourAgo)}")).Order());
        Assert.Empty(await ServiceIdsAsync($"modified_after={Uri.EscapeDataString(inAnHour)}"));
        Assert.Equal(both, (await ServiceAtLocationServiceIdsAsync($"modified_after={Uri.EscapeDataString(hourAgo)}")).Order());
        Assert.Equal(both, (await ServiceIdsAsync("modified_after=2026-01-01T00:00:00%2B01:00")).Order());
    }

    [Theory]
    [InlineData("/oruk/services?search=%00", "search")]
    [InlineData("/oruk/services?search=a%00b", "search")]
    [InlineData("/oruk/service_at_locations?search=%1B%5B31m", "search")]
    [InlineData("/oruk/taxonomies?search=%E2%80%AE", "search")]
    [InlineData("/oruk/taxonomy_terms?search=%00", "search")]
    [InlineData("/oruk/organizations?search=%07", "search")]
    public async Task A_query_parameter_the_text_policy_refuses_is_a_400_problem_naming_it(string path, string parameter)
    {
        var response = await _anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(parameter, out _), errors.ToString());
    }

    private async Task<Guid[]> ServiceIdsAsync(string query) =>
        FeedFixture.Ids(await _anonymous.GetFromJsonAsync<JsonElement>($"/oruk/services?{query}"));

    private async Task<Guid[]> ServiceAtLocationServiceIdsAsync(string query)
    {
        var response = await _anonymous.GetAsync($"/oruk/service_at_locations?{query}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. page.GetProperty("contents").EnumerateArray().Select(sal => sal.GetProperty("service_id").GetGuid())];
    }

    private static (int Total, int Pages, int Number, int Size, bool First, bool Last, bool Empty) Envelope(JsonElement page) => (
        page.GetProperty("total_items").GetInt32(), page.GetProperty("total_pages").GetInt32(), page.GetProperty("page_number").GetInt32(),
        page.GetProperty("size").GetInt32(), page.GetProperty("first_page").GetBoolean(), page.GetProperty("last_page").GetBoolean(),
        page.GetProperty("empty").GetBoolean());
}
