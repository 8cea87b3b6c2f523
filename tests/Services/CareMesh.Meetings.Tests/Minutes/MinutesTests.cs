using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMesh.Meetings.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CareMesh.Meetings.Tests.Minutes;

/// <summary>Attendance and quorum, minutes finalised then locked with addenda beside them, and closing a meeting with its carry-forward.</summary>
public class MinutesTests(MeetingsServiceFactory factory) : IClassFixture<MeetingsServiceFactory>, IAsyncLifetime
{
    private readonly MeetingsApiCalls _api = new(factory);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static object Minute(string outcome) => new
    {
        situation = "Two falls since discharge; lives alone.",
        discussion = "Falls risk rising; daughter visits weekly.",
        decisions = new[] { new { kind = "refer-on", text = "Falls clinic, St James's" }, new { kind = "medication-review", text = "Pharmacist to review sedatives" } },
        nextSteps = "Call her daughter this week.",
        outcome,
    };

    [Fact]
    public async Task Quorum_is_met_only_with_every_required_role_present_and_enough_people()
    {
        var meeting = (await _api.CreateMeetingAsync("2026-12-30")).GetProperty("id").GetGuid();

        var gpOnly = await _api.PutAsync($"/api/meetings/{meeting}/attendance", new
        {
            attendees = new[]
            {
                new { userId = (string?)MeetingsApiCalls.ChairUserId, name = "Dr Asha Patel", role = "gp", organisation = "Y00001", status = "present" },
                new { userId = (string?)MeetingsApiCalls.CoordinatorUserId, name = "Sam Jones", role = "care-coordinator", organisation = "Y00001", status = "apologies" },
                new { userId = (string?)null, name = "Priya Shah", role = "social-worker", organisation = "Leeds City Council", status = "present" },
            },
        });
        var quorate = await _api.PutAsync($"/api/meetings/{meeting}/attendance", new
        {
            attendees = new[]
            {
                new { userId = MeetingsApiCalls.ChairUserId, name = "Dr Asha Patel", role = "gp", organisation = "Y00001", status = "present" },
                new { userId = MeetingsApiCalls.CoordinatorUserId, name = "Sam Jones", role = "care-coordinator", organisation = "Y00001", status = "present" },
            },
        });

        Assert.False(gpOnly.GetProperty("quorumState").GetProperty("met").GetBoolean());
        Assert.Equal(["care-coordinator"], gpOnly.GetProperty("quorumState").GetProperty("missingRoles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(quorate.GetProperty("quorumState").GetProperty("met").GetBoolean());
        Assert.Equal(2, quorate.GetProperty("attendees").GetArrayLength());
        Assert.Equal(gpOnly.GetProperty("version").GetInt32() + 1, quorate.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_final_minute_is_locked_even_in_the_database_and_corrected_by_addenda_kept_beside_it()
    {
        await factory.Broker.BindQueueAsync(MeetingsApiCalls.Exchange("PatientDiscussedAtMdt"), "discussed-probe");
        var meeting = (await _api.CreateMeetingAsync("2026-12-30")).GetProperty("id").GetGuid();
        var item = (await _api.AddItemAsync(meeting, MeetingsApiCalls.PersonItem("9434765919"))).GetProperty("id").GetGuid();
        var draft = await _api.PutAsync($"/api/meetings/{meeting}/minutes/{item}", Minute("discussed"));

        var final = await _api.PostAsync($"/api/meetings/{meeting}/minutes/{item}/finalise");
        var edit = await _api.Coordinator.PutAsJsonAsync($"/api/meetings/{meeting}/minutes/{item}", Minute("still-open"));
        var addendum = await _api.PostAsync($"/api/meetings/{meeting}/minutes/{item}/addenda", new { text = "Correction: St James's, not the LGI." },
            expected: HttpStatusCode.Created);

        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal("final", final.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Equal("Correction: St James's, not the LGI.", Assert.Single(addendum.GetProperty("addenda").EnumerateArray()).GetProperty("text").GetString());
        var minutes = await _api.GetAsync($"/api/meetings/{meeting}/minutes");
        var stored = minutes[0].GetProperty("minute");
        Assert.Equal("discussed", stored.GetProperty("outcome").GetString());
        Assert.Equal(["refer-on", "medication-review"], stored.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("kind").GetString()));
        // Whatever a future bug or a hand-written UPDATE tries, the table itself refuses.
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var update = new NpgsqlCommand("UPDATE minutes SET discussion = 'rewritten'", connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
        Assert.Contains("is final", refused.MessageText);
        // The decisions reach the person's plan as data.
        var published = await _api.PublishedAsync("discussed-probe", m => m.GetProperty("agendaItemId").GetGuid() == item, seen => seen.Count > 0, "PatientDiscussedAtMdt");
        var discussed = Assert.Single(published);
        Assert.Equal("9434765919", discussed.GetProperty("nhsNumber").GetString());
        Assert.Equal(["Refer on: Falls clinic, St James's", "Medication review: Pharmacist to review sedatives"],
            discussed.GetProperty("decisions").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task A_stale_minute_edit_is_refused_with_412()
    {
        var meeting = (await _api.CreateMeetingAsync("2026-12-30")).GetProperty("id").GetGuid();
        var item = (await _api.AddItemAsync(meeting, MeetingsApiCalls.PersonItem("9434765919"))).GetProperty("id").GetGuid();
        await _api.PutAsync($"/api/meetings/{meeting}/minutes/{item}", Minute("discussed"));
        await _api.PutAsync($"/api/meetings/{meeting}/minutes/{item}", Minute("still-open"));

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/meetings/{meeting}/minutes/{item}") { Content = JsonContent.Create(Minute("not-reached")) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await _api.Coordinator.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task Closing_a_meeting_records_it_held_with_its_quorum_and_carries_forward_those_not_reached_or_still_open_with_their_history()
    {
        await factory.Broker.BindQueueAsync(MeetingsApiCalls.Exchange("MdtMeetingHeld"), "held-probe");
        factory.Clock.SetTo(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var series = (await _api.CreateSeriesAsync(MeetingsApiCalls.Series("tuesday", "09:30", startsOn: "2026-03-24"))).GetProperty("id").GetGuid();
        var meetings = await _api.GetAsync($"/api/meetings?seriesId={series}");
        var (first, second) = (meetings[0].GetProperty("id").GetGuid(), meetings[1].GetProperty("id").GetGuid());
        var discussed = (await _api.AddItemAsync(first, MeetingsApiCalls.PersonItem("9434765919"))).GetProperty("id").GetGuid();
        var stillOpen = (await _api.AddItemAsync(first, MeetingsApiCalls.PersonItem("9449305552", "Housing"))).GetProperty("id").GetGuid();
        var notReached = (await _api.AddItemAsync(first, MeetingsApiCalls.PersonItem("9449306621", "Carer breakdown"))).GetProperty("id").GetGuid();
        await _api.PutAsync($"/api/meetings/{first}/minutes/{discussed}", Minute("discussed"));
        await _api.PostAsync($"/api/meetings/{first}/minutes/{discussed}/finalise");
        await _api.PutAsync($"/api/meetings/{first}/minutes/{stillOpen}", Minute("still-open"));

        var withDraft = await _api.Coordinator.PostAsync($"/api/meetings/{first}/close", null);
        Assert.Equal(HttpStatusCode.Conflict, withDraft.StatusCode);
        await _api.PostAsync($"/api/meetings/{first}/minutes/{stillOpen}/finalise");
        await _api.PutAsync($"/api/meetings/{first}/attendance", new
        {
            attendees = new[] { new { userId = MeetingsApiCalls.ChairUserId, name = "Dr Asha Patel", role = "gp", organisation = "Y00001", status = "present" } },
        });
        var closed = await _api.PostAsync($"/api/meetings/{first}/close");
        var twice = await _api.Coordinator.PostAsync($"/api/meetings/{first}/close", null);

        Assert.Equal("held", closed.GetProperty("meeting").GetProperty("status").GetString());
        Assert.False(closed.GetProperty("meeting").GetProperty("quorumMet").GetBoolean());
        Assert.Equal(2, closed.GetProperty("peopleDiscussed").GetInt32());
        Assert.Equal(2, closed.GetProperty("carriedForward").GetInt32());
        Assert.Equal(second, closed.GetProperty("nextMeetingId").GetGuid());
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var next = await _api.GetAsync($"/api/meetings/{second}/agenda");
        var carried = next.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["9449305552", "9449306621"], carried.Select(i => i.GetProperty("nhsNumber").GetString()));
        Assert.All(carried, i => Assert.Equal("carried-forward", i.GetProperty("source").GetString()));
        Assert.Equal([stillOpen, notReached], carried.Select(i => i.GetProperty("carriedFromItemId").GetGuid()));
        var history = Assert.Single(carried[0].GetProperty("history").EnumerateArray());
        Assert.Equal(first, history.GetProperty("meetingId").GetGuid());
        Assert.Equal("still-open", history.GetProperty("outcome").GetString());
        Assert.Equal("not-reached", Assert.Single(carried[1].GetProperty("history").EnumerateArray()).GetProperty("outcome").GetString());
        var held = Assert.Single(await _api.PublishedAsync("held-probe", m => m.GetProperty("meetingId").GetGuid() == first, seen => seen.Count > 0, "MdtMeetingHeld"));
        Assert.Equal(series, held.GetProperty("seriesId").GetGuid());
        Assert.Equal("case-review", held.GetProperty("kind").GetString());
        Assert.False(held.GetProperty("quorumMet").GetBoolean());
    }
}
