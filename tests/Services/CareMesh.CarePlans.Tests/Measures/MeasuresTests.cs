using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CareMesh.CarePlans.Tests.Measures;

/// <summary>Measures recorded through the API on the real database: baselines, follow-ups, change since baseline, and what is refused.</summary>
public class MeasuresTests(CarePlansServiceFactory factory) : IClassFixture<CarePlansServiceFactory>, IAsyncLifetime
{
    private readonly CarePlansApiCalls _api = new(factory);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Pam_scores_at_every_cut_off_get_their_level_and_are_published_with_change_since_the_baseline()
    {
        await factory.Broker.BindQueueAsync("CareMesh.Contracts.CarePlans:ActivationRecorded", "activation-probe");
        var id = (await _api.OpenAsync("9434765919")).GetProperty("id").GetGuid();
        var scores = new[] { 47.0m, 47.1m, 55.1m, 55.2m, 67.0m, 67.1m };
        var recorded = new List<JsonElement>();
        foreach (var score in scores)
        {
            recorded.Add(await _api.PostAsync($"/api/care-plans/{id}/measures/activation", new { score, measuredOn = "2026-03-09" }, expected: HttpStatusCode.Created));
        }

        Assert.Equal([1, 2, 2, 3, 3, 4], recorded.Select(r => r.GetProperty("level").GetInt32()));
        Assert.Equal([true, false, false, false, false, false], recorded.Select(r => r.GetProperty("isBaseline").GetBoolean()));
        Assert.Equal(20.1m, recorded[^1].GetProperty("changeSinceBaseline").GetDecimal());
        var published = await _api.PublishedAsync("activation-probe", m => m.GetProperty("carePlanId").GetGuid() == id, seen => seen.Count >= 6, "six ActivationRecorded");
        Assert.Equal(scores, published.Select(m => Decimal(m.GetProperty("score"))).Order());
        var last = published.Single(m => Decimal(m.GetProperty("score")) == 67.1m);
        Assert.Equal((4, 20.1m, "Patient activation measure score"), (last.GetProperty("level").GetInt32(), Decimal(last.GetProperty("changeSinceBaseline")),
            last.GetProperty("code").GetProperty("display").GetString()));
        Assert.Equal(JsonValueKind.Null, published.Single(m => m.GetProperty("isBaseline").GetBoolean()).GetProperty("changeSinceBaseline").ValueKind);
    }

    [Fact]
    public async Task Ons4_answers_are_banded_at_every_edge_with_change_since_the_baseline()
    {
        var id = (await _api.OpenAsync("9434765919")).GetProperty("id").GetGuid();
        // Each row puts every question on a band edge: the low and high ends of each band.
        var rows = new[] { (0, 4, 5, 0), (6, 7, 8, 1), (9, 10, 4, 2), (4, 5, 6, 3), (7, 8, 9, 4), (10, 0, 10, 5), (5, 5, 5, 6), (5, 5, 5, 10) };
        var answers = new List<JsonElement>();
        foreach (var (life, worthwhile, happiness, anxiety) in rows)
        {
            answers.Add(await _api.PostAsync($"/api/care-plans/{id}/measures/ons4",
                new { lifeSatisfaction = life, worthwhile, happiness, anxiety, measuredOn = "2026-03-09" }, expected: HttpStatusCode.Created));
        }

        var bands = answers.Select(a => string.Join(",", a.GetProperty("ons4").EnumerateArray().Select(q => q.GetProperty("band").GetString()))).ToList();
        Assert.Equal([
            "low,low,medium,very-low", "medium,high,high,very-low", "very-high,very-high,low,low", "low,medium,medium,low",
            "high,high,very-high,medium", "very-high,low,very-high,medium", "medium,medium,medium,high", "medium,medium,medium,high"], bands);
        var followUp = answers[^1].GetProperty("ons4").EnumerateArray().ToList();
        Assert.Equal([5, 1, 0, 10], followUp.Select(q => q.GetProperty("changeSinceBaseline").GetInt32()));
        Assert.Equal("anxiety", followUp[3].GetProperty("question").GetString());
    }

    [Fact]
    public async Task Every_swemwbs_raw_total_converts_by_the_published_table()
    {
        var id = (await _api.OpenAsync("9434765919")).GetProperty("id").GetGuid();
        var baseline = 0m;
        foreach (var raw in Enumerable.Range(7, 29))
        {
            // Seven items of 1 to 5 adding up to the raw total.
            var items = Enumerable.Range(0, 7).Select(i => 1 + Math.Min(4, Math.Max(0, raw - 7 - 4 * i))).ToArray();
            var recorded = await _api.PostAsync($"/api/care-plans/{id}/measures/swemwbs", new
            {
                optimistic = items[0], useful = items[1], relaxed = items[2], dealingWithProblems = items[3], thinkingClearly = items[4], closeToOthers = items[5],
                makingUpMind = items[6], measuredOn = "2026-03-09",
            }, expected: HttpStatusCode.Created);

            var metric = recorded.GetProperty("score").GetDecimal();
            Assert.Equal(raw, recorded.GetProperty("rawTotal").GetInt32());
            Assert.Equal(Measures.ScaleTests.SwemwbsTable().Single(row => (int)row[0] == raw)[1], metric);
            baseline = raw == 7 ? metric : baseline;
            Assert.Equal(raw == 7 ? null : metric - baseline, recorded.GetProperty("changeSinceBaseline").ValueKind == JsonValueKind.Null
                ? (decimal?)null : recorded.GetProperty("changeSinceBaseline").GetDecimal());
        }

        var all = await _api.GetAsync($"/api/care-plans/{id}/measures");
        Assert.Equal(29, all.GetArrayLength());
        Assert.Equal(28.00m, all[28].GetProperty("changeSinceBaseline").GetDecimal());
    }

    [Fact]
    public async Task Out_of_range_or_missing_answers_are_refused_naming_each_field_and_record_nothing()
    {
        var id = (await _api.OpenAsync("9434765919")).GetProperty("id").GetGuid();
        var pam = await _api.Coordinator.PostAsJsonAsync($"/api/care-plans/{id}/measures/activation", new { score = 100.1m, measuredOn = "2099-01-01" });
        var pamPrecision = await _api.Coordinator.PostAsJsonAsync($"/api/care-plans/{id}/measures/activation", new { score = 47.05m, measuredOn = "2026-03-09" });
        var ons4 = await _api.Coordinator.PostAsJsonAsync($"/api/care-plans/{id}/measures/ons4", new { lifeSatisfaction = 11, worthwhile = -1, happiness = 5 });
        var swemwbs = await _api.Coordinator.PostAsJsonAsync($"/api/care-plans/{id}/measures/swemwbs", new { optimistic = 0, useful = 6, relaxed = 3, measuredOn = "2026-03-09" });

        await AssertNamesAsync(pam, "score", "measuredOn");
        await AssertNamesAsync(pamPrecision, "score");
        await AssertNamesAsync(ons4, "lifeSatisfaction", "worthwhile", "anxiety", "measuredOn");
        await AssertNamesAsync(swemwbs, "optimistic", "useful", "dealingWithProblems", "thinkingClearly", "closeToOthers", "makingUpMind");
        Assert.Equal(0, (await _api.GetAsync($"/api/care-plans/{id}/measures")).GetArrayLength());
    }

    /// <summary>A decimal from the broker's JSON, which carries decimals as strings to keep their precision.</summary>
    private static decimal Decimal(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? decimal.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : value.GetDecimal();

    private static async Task AssertNamesAsync(HttpResponseMessage response, params string[] fields)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in fields)
        {
            Assert.True(errors.TryGetProperty(field, out _), $"{field} not named in {errors}");
        }

        Assert.Equal(fields.Length, errors.EnumerateObject().Count());
    }
}
