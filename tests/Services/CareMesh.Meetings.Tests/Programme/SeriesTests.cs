using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareMesh.Meetings.Programme;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Meetings.Tests.Programme;

/// <summary>Series on the real database: their meetings in UTC across the clock changes, moved and cancelled one by one.</summary>
public class SeriesTests(MeetingsServiceFactory factory) : IClassFixture<MeetingsServiceFactory>, IAsyncLifetime
{
    private readonly MeetingsApiCalls _api = new(factory);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_weekly_0930_meeting_stays_at_0930_in_London_across_both_clock_changes()
    {
        factory.Clock.SetTo(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var series = await _api.CreateSeriesAsync(MeetingsApiCalls.Series("tuesday", "09:30", startsOn: "2026-03-24"));
        var id = series.GetProperty("id").GetGuid();

        var spring = await StartsAsync(id, "2026-03-20", "2026-04-01");
        Assert.Equal([At("2026-03-24T09:30:00Z"), At("2026-03-31T08:30:00Z")], spring);

        // Months later the horizon check has made the autumn's meetings.
        factory.Clock.SetTo(new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero));
        await factory.Services.RunScheduledCheckAsync<SeriesHorizonCheck>();
        Assert.Equal([At("2026-10-20T08:30:00Z"), At("2026-10-27T09:30:00Z")], await StartsAsync(id, "2026-10-19", "2026-10-28"));
        // Every meeting is there once, however often the check runs.
        await factory.Services.RunScheduledCheckAsync<SeriesHorizonCheck>();
        var all = await _api.QueryAsync(db => db.Meetings.Where(m => m.SeriesId == id).Select(m => m.OccurrenceDate).ToListAsync());
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.True(all.Count > 40);
    }

    [Fact]
    public async Task A_sunday_meeting_on_the_day_the_clocks_go_back_is_at_its_local_time()
    {
        factory.Clock.SetTo(new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero));
        var series = await _api.CreateSeriesAsync(MeetingsApiCalls.Series("sunday", "09:30", startsOn: "2026-10-01"));

        Assert.Equal([At("2026-10-18T08:30:00Z"), At("2026-10-25T09:30:00Z")],
            await StartsAsync(series.GetProperty("id").GetGuid(), "2026-10-17", "2026-10-26"));
    }

    [Fact]
    public async Task The_last_sunday_of_october_2027_is_its_fifth()
    {
        factory.Clock.SetTo(new DateTimeOffset(2027, 9, 1, 12, 0, 0, TimeSpan.Zero));
        var series = await _api.CreateSeriesAsync(MeetingsApiCalls.Series("sunday", "09:30", frequency: "monthly", week: "last", startsOn: "2027-09-01"));

        Assert.Equal([At("2027-09-26T08:30:00Z"), At("2027-10-31T09:30:00Z"), At("2027-11-28T09:30:00Z")],
            await StartsAsync(series.GetProperty("id").GetGuid(), "2027-09-01", "2027-12-01"));
        Assert.Equal("the last Sunday of every month", series.GetProperty("recurrence").GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_time_the_clocks_skip_is_taken_after_the_change_and_one_they_repeat_at_its_first_occurrence()
    {
        // Last Sundays at 01:30: on 28 March 2027 01:30 does not exist, on 31 October 2027 it happens twice.
        factory.Clock.SetTo(new DateTimeOffset(2027, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var series = await _api.CreateSeriesAsync(MeetingsApiCalls.Series("sunday", "01:30", frequency: "monthly", week: "last", startsOn: "2027-03-01"));
        var id = series.GetProperty("id").GetGuid();
        factory.Clock.SetTo(new DateTimeOffset(2027, 10, 1, 12, 0, 0, TimeSpan.Zero));
        await factory.Services.RunScheduledCheckAsync<SeriesHorizonCheck>();

        Assert.Equal([At("2027-03-28T01:30:00Z")], await StartsAsync(id, "2027-03-27", "2027-03-29"));
        Assert.Equal([At("2027-10-31T00:30:00Z")], await StartsAsync(id, "2027-10-30", "2027-11-01"));
        var october = await _api.QueryAsync(db => db.Meetings.SingleAsync(m => m.SeriesId == id && m.OccurrenceDate == new DateOnly(2027, 10, 31)));
        // Its hour is an hour, though the clock reads 01:30 at both ends.
        Assert.Equal(At("2027-10-31T01:30:00Z"), october.EndsAt);
    }

    [Fact]
    public async Task One_meeting_can_be_moved_or_cancelled_and_the_series_goes_on()
    {
        factory.Clock.SetTo(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var series = await _api.CreateSeriesAsync(MeetingsApiCalls.Series("tuesday", "09:30", startsOn: "2026-03-24"));
        var id = series.GetProperty("id").GetGuid();
        var meetings = await _api.GetAsync($"/api/meetings?seriesId={id}&from=2026-03-20T00:00:00Z&to=2026-04-15T00:00:00Z");
        var first = meetings[0].GetProperty("id").GetGuid();
        var second = meetings[1].GetProperty("id").GetGuid();

        var moved = await _api.PostAsync($"/api/meetings/{first}/move", new { date = "2026-03-25", startTime = "13:00", reason = "Chair on leave" });
        var cancelled = await _api.PostAsync($"/api/meetings/{second}/cancel", new { reason = "PCN training afternoon" });
        await factory.Services.RunScheduledCheckAsync<SeriesHorizonCheck>();

        Assert.Equal(At("2026-03-25T13:00:00Z"), moved.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(At("2026-03-24T09:30:00Z"), moved.GetProperty("originallyStartsAt").GetDateTimeOffset());
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        var after = await _api.GetAsync($"/api/meetings?seriesId={id}&from=2026-03-20T00:00:00Z&to=2026-04-15T00:00:00Z");
        Assert.Equal(["2026-03-25T13:00:00+00:00", "2026-03-31T08:30:00+00:00", "2026-04-07T08:30:00+00:00", "2026-04-14T08:30:00+00:00"],
            after.EnumerateArray().Select(m => m.GetProperty("startsAt").GetDateTimeOffset().ToString("yyyy-MM-ddTHH:mm:sszzz")));
        Assert.Equal(["scheduled", "cancelled", "scheduled", "scheduled"], after.EnumerateArray().Select(m => m.GetProperty("status").GetString()));
        // The moved meeting's agenda now closes two working days before its new time.
        Assert.Equal(At("2026-03-23T13:00:00Z"), moved.GetProperty("agendaClosesAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Changing_the_rule_replaces_untouched_meetings_and_keeps_those_people_worked_on()
    {
        factory.Clock.SetTo(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var series = await _api.CreateSeriesAsync(MeetingsApiCalls.Series("tuesday", "09:30", startsOn: "2026-03-24"));
        var id = series.GetProperty("id").GetGuid();
        var withAgenda = (await _api.GetAsync($"/api/meetings?seriesId={id}"))[0].GetProperty("id").GetGuid();
        await _api.AddItemAsync(withAgenda, MeetingsApiCalls.PersonItem("9434765919"));

        var change = MeetingsApiCalls.Series("thursday", "14:00", startsOn: "2026-03-24");
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/meeting-series/{id}") { Content = JsonContent.Create(change) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"7\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await _api.Coordinator.SendAsync(stale)).StatusCode);
        var changed = await _api.PutAsync($"/api/meeting-series/{id}", change);

        Assert.Equal(2, changed.GetProperty("version").GetInt32());
        var upcoming = await _api.GetAsync($"/api/meetings?seriesId={id}&from=2026-03-20T00:00:00Z&to=2026-04-03T00:00:00Z");
        Assert.Equal([(withAgenda, "2026-03-24T09:30:00Z"), (Guid.Empty, "2026-03-26T14:00:00Z"), (Guid.Empty, "2026-04-02T13:00:00Z")],
            upcoming.EnumerateArray().Select(m => (m.GetProperty("id").GetGuid() == withAgenda ? withAgenda : Guid.Empty,
                m.GetProperty("startsAt").GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"))));
    }

    [Fact]
    public async Task Changing_only_the_time_moves_the_untouched_meetings_on_the_same_dates()
    {
        factory.Clock.SetTo(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var id = (await _api.CreateSeriesAsync(MeetingsApiCalls.Series("tuesday", "09:30", startsOn: "2026-03-24"))).GetProperty("id").GetGuid();
        var before = await _api.QueryAsync(db => db.Meetings.CountAsync(m => m.SeriesId == id));

        await _api.PutAsync($"/api/meeting-series/{id}", MeetingsApiCalls.Series("tuesday", "14:00", startsOn: "2026-03-24"));

        Assert.Equal([At("2026-03-24T14:00:00Z"), At("2026-03-31T13:00:00Z")], await StartsAsync(id, "2026-03-20", "2026-04-01"));
        Assert.Equal(before, await _api.QueryAsync(db => db.Meetings.CountAsync(m => m.SeriesId == id)));
    }

    [Fact]
    public async Task A_series_that_is_not_valid_is_refused_naming_every_field_and_nothing_is_stored()
    {
        var body = MeetingsApiCalls.Series();
        body["kind"] = "coffee";
        body["startTime"] = "9.30";
        body["recurrence"]!["frequency"] = "monthly";
        body["chair"] = null;
        body["endsOn"] = "2026-01-01";

        var response = await _api.Coordinator.PostAsJsonAsync("/api/meeting-series", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("kind", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("startTime", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("chair", out _), errors.ToString());
        Assert.Empty(await _api.QueryAsync(db => db.Series.ToListAsync()));
    }

    [Fact]
    public async Task A_monthly_rule_without_its_week_is_refused_against_that_field()
    {
        var body = MeetingsApiCalls.Series(frequency: "monthly");

        var response = await _api.Coordinator.PostAsJsonAsync("/api/meeting-series", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("recurrence.week", out _), errors.ToString());
    }

    private async Task<List<DateTimeOffset>> StartsAsync(Guid seriesId, string from, string to)
    {
        var meetings = await _api.GetAsync($"/api/meetings?seriesId={seriesId}&from={from}T00:00:00Z&to={to}T00:00:00Z");
        return [.. meetings.EnumerateArray().Select(m => m.GetProperty("startsAt").GetDateTimeOffset())];
    }

    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc);
}
