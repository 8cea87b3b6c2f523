using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMesh.Meetings.Actions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Meetings.Tests.Actions;

/// <summary>Actions from agreement to done: "my actions", overdue detection and chasing with the clock under the test's control.</summary>
public class ActionsTests(MeetingsServiceFactory factory) : IClassFixture<MeetingsServiceFactory>, IAsyncLifetime
{
    private readonly MeetingsApiCalls _api = new(factory);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(Guid Meeting, Guid Item, JsonElement Action)> AgreeAsync(string dueOn)
    {
        var meeting = (await _api.CreateMeetingAsync("2026-03-26")).GetProperty("id").GetGuid();
        var item = (await _api.AddItemAsync(meeting, MeetingsApiCalls.PersonItem("9434765919"))).GetProperty("id").GetGuid();
        var action = await _api.PostAsync($"/api/meetings/{meeting}/actions", new
        {
            description = "Refer to the falls clinic",
            owner = new { userId = MeetingsApiCalls.CoordinatorUserId, name = "Sam Jones", organisation = "Y00001" },
            dueOn,
            agendaItemId = item,
        }, expected: HttpStatusCode.Created);
        return (meeting, item, action);
    }

    [Fact]
    public async Task An_overdue_action_is_chased_once_per_interval_and_goes_to_the_chair_at_the_second_chase()
    {
        await factory.Broker.BindQueueAsync(MeetingsApiCalls.Exchange("MdtActionOverdue"), "overdue-probe");
        factory.Clock.SetTo(new DateTimeOffset(2026, 3, 26, 12, 0, 0, TimeSpan.Zero));
        var (meeting, _, action) = await AgreeAsync("2026-04-02");
        var id = action.GetProperty("id").GetGuid();

        // Due on Thursday 2 April: not overdue that day, overdue from Friday.
        factory.Clock.SetTo(new DateTimeOffset(2026, 4, 2, 22, 0, 0, TimeSpan.Zero));
        await factory.Services.RunScheduledCheckAsync<OverdueActionsCheck>();
        Assert.Equal(0, await ChasesAsync(id));
        factory.Clock.SetTo(new DateTimeOffset(2026, 4, 3, 8, 0, 0, TimeSpan.Zero));
        await factory.Services.RunScheduledCheckAsync<OverdueActionsCheck>();
        await factory.Services.RunScheduledCheckAsync<OverdueActionsCheck>();
        Assert.Equal(1, await ChasesAsync(id));
        var mine = await _api.GetAsync("/api/actions/mine?overdue=true");
        Assert.Equal(id, Assert.Single(mine.EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Empty((await _api.GetAsync("/api/meetings/chair", _api.Chair)).GetProperty("escalatedActions").EnumerateArray());

        // Within the interval (2 days): nothing; after it, the second chase, escalated.
        factory.Clock.Advance(TimeSpan.FromDays(1));
        await factory.Services.RunScheduledCheckAsync<OverdueActionsCheck>();
        Assert.Equal(1, await ChasesAsync(id));
        factory.Clock.Advance(TimeSpan.FromDays(1));
        await factory.Services.RunScheduledCheckAsync<OverdueActionsCheck>();
        Assert.Equal(2, await ChasesAsync(id));

        var published = await _api.PublishedAsync("overdue-probe", m => m.GetProperty("actionId").GetGuid() == id, seen => seen.Count >= 2, "two MdtActionOverdue");
        Assert.Equal([(1, false), (2, true)], published.Select(m => (m.GetProperty("chase").GetInt32(), m.GetProperty("escalatedToChair").GetBoolean())));
        Assert.Equal("9434765919", published[0].GetProperty("nhsNumber").GetString());
        var desk = await _api.GetAsync("/api/meetings/chair", _api.Chair);
        var escalated = Assert.Single(desk.GetProperty("escalatedActions").EnumerateArray());
        Assert.Equal(2, escalated.GetProperty("chases").GetInt32());
        Assert.Equal(meeting, escalated.GetProperty("meetingId").GetGuid());
        var overdue = Assert.Single((await _api.GetAsync("/api/actions/overdue")).EnumerateArray());
        Assert.True(overdue.GetProperty("escalatedToChair").GetBoolean());
        await Task.Delay(300);
        Assert.DoesNotContain(await factory.Broker.TakeMessagesAsync("overdue-probe"), m => m.GetProperty("actionId").GetGuid() == id);
    }

    [Fact]
    public async Task An_action_moves_through_its_workflow_with_updates_and_completing_it_is_published()
    {
        await factory.Broker.BindQueueAsync(MeetingsApiCalls.Exchange("MdtActionCompleted"), "completed-probe");
        await factory.Broker.BindQueueAsync(MeetingsApiCalls.Exchange("MdtActionAssigned"), "assigned-probe");
        var (meeting, item, action) = await AgreeAsync("2026-12-30");
        var id = action.GetProperty("id").GetGuid();

        var started = await _api.PostAsync($"/api/actions/{id}/updates", new { step = "start", note = "Called the clinic" });
        var noted = await _api.PostAsync($"/api/actions/{id}/updates", new { note = "Waiting for a slot" });
        var done = await _api.PostAsync($"/api/actions/{id}/updates", new { step = "complete", outcome = "Appointment on 14 April" });
        var after = await _api.Coordinator.PostAsJsonAsync($"/api/actions/{id}/updates", new { step = "start" });

        Assert.Equal("in-progress", started.GetProperty("status").GetString());
        Assert.Equal("in-progress", noted.GetProperty("status").GetString());
        Assert.Equal("done", done.GetProperty("status").GetString());
        Assert.Equal(["start", null, "complete"], done.GetProperty("updates").EnumerateArray().Select(u =>
            u.GetProperty("toStatus").ValueKind == JsonValueKind.Null ? null : u.GetProperty("toStatus").GetString() == "in-progress" ? "start" : "complete"));
        Assert.Equal(HttpStatusCode.Conflict, after.StatusCode);
        Assert.Equal("done", (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("currentStatus").GetString());
        var log = await _api.GetAsync($"/api/meetings/{meeting}/actions");
        Assert.Equal(item, Assert.Single(log.EnumerateArray()).GetProperty("agendaItemId").GetGuid());
        Assert.Empty((await _api.GetAsync("/api/actions/mine")).EnumerateArray());
        Assert.Single((await _api.GetAsync("/api/actions/mine?status=done")).EnumerateArray());
        var completed = Assert.Single(await _api.PublishedAsync("completed-probe", m => m.GetProperty("actionId").GetGuid() == id, s => s.Count > 0, "MdtActionCompleted"));
        Assert.Equal("Appointment on 14 April", completed.GetProperty("outcome").GetString());
        var assigned = Assert.Single(await _api.PublishedAsync("assigned-probe", m => m.GetProperty("actionId").GetGuid() == id, s => s.Count > 0, "MdtActionAssigned"));
        Assert.Equal(MeetingsApiCalls.CoordinatorUserId, assigned.GetProperty("ownerUserId").GetString());
        Assert.Equal("2026-12-30", assigned.GetProperty("dueOn").GetString());
    }

    [Fact]
    public async Task A_bad_status_filter_is_a_problem_naming_it()
    {
        var response = await _api.Coordinator.GetAsync("/api/actions/mine?status=finished");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("status", out _));
    }

    [Fact]
    public async Task Retrying_with_the_same_idempotency_key_records_the_action_once()
    {
        var meeting = (await _api.CreateMeetingAsync("2026-12-30")).GetProperty("id").GetGuid();
        var body = new { description = "Book a carer's assessment", owner = new { name = "Leeds Carers" }, dueOn = "2027-01-15" };
        async Task<HttpResponseMessage> Send()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/meetings/{meeting}/actions") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "action-retry-1");
            return await _api.Coordinator.SendAsync(request);
        }

        var first = await Send();
        var retry = await Send();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(1, await _api.QueryAsync(db => db.Actions.CountAsync()));
    }

    private Task<int> ChasesAsync(Guid id) => _api.QueryAsync(db => db.ActionChases.CountAsync(c => c.ActionId == id));
}
