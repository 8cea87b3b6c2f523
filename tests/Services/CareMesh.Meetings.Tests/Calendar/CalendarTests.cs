using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMesh.Meetings.Calendar;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Meetings.Tests.Calendar;

/// <summary>Meetings as iCalendar, read back with Ical.Net as a client would, and the feed's secret link made, renewed and revoked.</summary>
public class CalendarTests(MeetingsServiceFactory factory) : IClassFixture<MeetingsServiceFactory>, IAsyncLifetime
{
    private readonly MeetingsApiCalls _api = new(factory);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_meetings_ics_places_it_at_its_London_time_with_the_zone_and_no_patient_data()
    {
        var meeting = (await _api.CreateMeetingAsync("2027-10-31", "01:30")).GetProperty("id").GetGuid();
        await _api.AddItemAsync(meeting, MeetingsApiCalls.PersonItem("9434765919", "Confidential reason: safeguarding"));

        var response = await _api.Coordinator.GetAsync($"/api/meetings/{meeting}/calendar.ics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("DTSTART;TZID=Europe/London:20271031T013000", text);
        Assert.Contains("BEGIN:VTIMEZONE", text);
        Assert.Contains("TZOFFSETTO:+0100", text);
        Assert.DoesNotContain("RRULE:FREQ=WEEKLY", text);
        Assert.DoesNotContain("9434765919", text);
        Assert.DoesNotContain("safeguarding", text);
        var read = Ical.Net.Calendar.Load(text)!;
        var vevent = Assert.Single(read.Events);
        Assert.Equal($"{meeting}@caremesh", vevent.Uid);
        // The repeated hour's first occurrence (BST), as the service decided, and a 90-minute meeting.
        Assert.Equal(new DateTime(2027, 10, 31, 0, 30, 0, DateTimeKind.Utc), vevent.Start!.AsUtc);
        Assert.Equal(TimeSpan.FromMinutes(90), vevent.Duration!.Value.ToTimeSpanUnspecified());
    }

    [Fact]
    public async Task Ical_net_ends_an_occurrence_wrongly_across_the_repeated_hour_which_is_why_the_feed_carries_no_rrule()
    {
        // Ical.Net 5.2.4 (issues #875/#883): an hour from 01:30 BST on 31 October 2027 ends, by its own expansion, as it starts.
        var calendar = new Ical.Net.Calendar();
        var vevent = new CalendarEvent { Start = new CalDateTime(2027, 9, 26, 1, 30, 0, "Europe/London"), Duration = Duration.FromMinutes(60) };
        vevent.RecurrenceRule = new RecurrencePattern("FREQ=MONTHLY;BYDAY=-1SU;COUNT=2");
        calendar.Events.Add(vevent);

        var october = calendar.GetOccurrences().Last().Period;

        Assert.Equal(new DateTime(2027, 10, 31, 0, 30, 0, DateTimeKind.Utc), october.StartTime.AsUtc);
        // Were this ever 01:30Z (an hour later), Ical.Net could expand rules itself; until then CareMesh expands them (Recurrence).
        Assert.NotEqual(new DateTime(2027, 10, 31, 1, 30, 0, DateTimeKind.Utc), october.EffectiveEndTime!.AsUtc);
    }

    [Fact]
    public async Task A_users_feed_link_shows_their_meetings_until_renewed_or_revoked_and_only_its_hash_is_kept()
    {
        factory.Clock.SetTo(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var series = (await _api.CreateSeriesAsync(MeetingsApiCalls.Series("tuesday", "09:30", startsOn: "2026-03-24"))).GetProperty("id").GetGuid();
        var cancelled = (await _api.GetAsync($"/api/meetings?seriesId={series}"))[1].GetProperty("id").GetGuid();
        await _api.PostAsync($"/api/meetings/{cancelled}/cancel", new { reason = "Training" });
        // A meeting the coordinator is not a member of stays out of their calendar.
        var other = await _api.Chair.PostAsJsonAsync("/api/meetings", new
        {
            kind = "business", title = "Partners only", scope = "practice", organisation = "Y00001", chair = new { userId = "user-team-lead", name = "Lead" },
            date = "2026-03-27", startTime = "12:00", durationMinutes = 30, location = "Room 1",
        });
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);

        var link = await _api.PostAsync("/api/meetings/calendar-feed", expected: HttpStatusCode.Created);
        var path = link.GetProperty("path").GetString()!;
        var anonymous = factory.CreateClient();
        var feed = await anonymous.GetAsync(path);
        var text = await feed.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Matches("^/calendar/[A-Za-z0-9_-]{43}\\.ics$", path);
        var events = Ical.Net.Calendar.Load(text)!.Events.OrderBy(e => e.Start!.AsUtc).ToList();
        Assert.True(events.Count > 20);
        Assert.DoesNotContain(events, e => e.Summary == "Partners only");
        Assert.Equal(new DateTime(2026, 3, 24, 9, 30, 0, DateTimeKind.Utc), events[0].Start!.AsUtc);
        Assert.Equal(new DateTime(2026, 3, 31, 8, 30, 0, DateTimeKind.Utc), events[1].Start!.AsUtc);
        Assert.Equal("CANCELLED", events[1].Status);
        var secret = path["/calendar/".Length..^".ics".Length];
        var stored = await _api.QueryAsync(db => db.CalendarFeeds.SingleAsync());
        Assert.NotEqual(secret, stored.SecretHash);
        Assert.Equal(CalendarApi.Hash(secret), stored.SecretHash);

        var renewed = (await _api.PostAsync("/api/meetings/calendar-feed", expected: HttpStatusCode.Created)).GetProperty("path").GetString()!;
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(renewed)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _api.Coordinator.DeleteAsync("/api/meetings/calendar-feed")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(renewed)).StatusCode);
        Assert.False((await _api.GetAsync("/api/meetings/calendar-feed")).GetProperty("subscribed").GetBoolean());
    }

    [Theory]
    [InlineData("/calendar/short.ics")]
    [InlineData("/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics")]
    public async Task An_unknown_link_is_a_404_problem(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
