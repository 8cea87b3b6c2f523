using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareMesh.Contracts.CarePlans;
using CareMesh.Contracts.Referrals;
using CareMesh.Meetings.Agenda;
using CareMesh.Testing;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Meetings.Tests.Agenda;

/// <summary>Building an agenda: the cut-off and the chair's approval, and proposals from other services' events (once each).</summary>
public class AgendaTests(MeetingsServiceFactory factory) : IClassFixture<MeetingsServiceFactory>, IAsyncLifetime
{
    private readonly MeetingsApiCalls _api = new(factory);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task After_the_cut_off_an_addition_waits_for_the_chair_who_alone_approves_or_declines_it()
    {
        // Thursday 26 March 2026 13:00: the agenda closes on Tuesday 24 March at 13:00.
        factory.Clock.SetTo(new DateTimeOffset(2026, 3, 23, 9, 0, 0, TimeSpan.Zero));
        var meeting = (await _api.CreateMeetingAsync("2026-03-26")).GetProperty("id").GetGuid();
        var early = await _api.AddItemAsync(meeting, MeetingsApiCalls.PersonItem("9434765919"));

        factory.Clock.SetTo(new DateTimeOffset(2026, 3, 24, 13, 0, 0, TimeSpan.Zero));
        var late = await _api.AddItemAsync(meeting, MeetingsApiCalls.PersonItem("9449305552", "New safeguarding concern"));
        var later = await _api.AddItemAsync(meeting, new JsonObject { ["kind"] = "general", ["title"] = "Winter pressures", ["minutesAllotted"] = 5 });
        var chairs = await _api.AddItemAsync(meeting, new JsonObject { ["kind"] = "general", ["title"] = "Chair's update", ["minutesAllotted"] = 5 }, _api.Chair);

        Assert.Equal("confirmed", early.GetProperty("status").GetString());
        Assert.Equal("awaiting-approval", late.GetProperty("status").GetString());
        Assert.True(late.GetProperty("addedAfterCutOff").GetBoolean());
        Assert.Equal("confirmed", chairs.GetProperty("status").GetString());
        var byCoordinator = await _api.Coordinator.PostAsync($"/api/meetings/{meeting}/agenda/{late.GetProperty("id").GetGuid()}/approve", null);
        Assert.Equal(HttpStatusCode.Forbidden, byCoordinator.StatusCode);
        var approved = await _api.PostAsync($"/api/meetings/{meeting}/agenda/{late.GetProperty("id").GetGuid()}/approve", client: _api.Chair);
        var declined = await _api.PostAsync($"/api/meetings/{meeting}/agenda/{later.GetProperty("id").GetGuid()}/decline", client: _api.Chair);
        Assert.Equal("confirmed", approved.GetProperty("status").GetString());
        Assert.Equal("declined-by-chair", declined.GetProperty("status").GetString());
        var again = await _api.Chair.PostAsync($"/api/meetings/{meeting}/agenda/{later.GetProperty("id").GetGuid()}/approve", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("declined-by-chair", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("currentStatus").GetString());

        var agenda = await _api.GetAsync($"/api/meetings/{meeting}/agenda");
        Assert.True(agenda.GetProperty("closed").GetBoolean());
        Assert.Equal(["confirmed", "confirmed", "confirmed", "declined-by-chair"], agenda.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()));
        Assert.Equal(25, agenda.GetProperty("minutesAllotted").GetInt32());
    }

    [Fact]
    public async Task Items_are_put_in_order_and_an_order_that_leaves_one_out_is_refused()
    {
        factory.Clock.SetTo(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var meeting = (await _api.CreateMeetingAsync("2026-03-26")).GetProperty("id").GetGuid();
        var a = (await _api.AddItemAsync(meeting, MeetingsApiCalls.PersonItem("9434765919"))).GetProperty("id").GetGuid();
        var b = (await _api.AddItemAsync(meeting, MeetingsApiCalls.PersonItem("9449305552"))).GetProperty("id").GetGuid();
        var c = (await _api.AddItemAsync(meeting, new JsonObject { ["kind"] = "general", ["title"] = "Service updates", ["minutesAllotted"] = 5 })).GetProperty("id").GetGuid();

        var ordered = await _api.PostAsync($"/api/meetings/{meeting}/agenda/order", new { itemIds = new[] { c, a, b } });
        var partial = await _api.Coordinator.PostAsJsonAsync($"/api/meetings/{meeting}/agenda/order", new { itemIds = new[] { c, a } });

        Assert.Equal([c, a, b], ordered.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.BadRequest, partial.StatusCode);
        Assert.True((await partial.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("itemIds", out _));
    }

    [Fact]
    public async Task A_person_item_without_its_question_or_a_valid_nhs_number_is_refused_naming_each_field()
    {
        var meeting = (await _api.CreateMeetingAsync("2026-12-30")).GetProperty("id").GetGuid();
        var item = MeetingsApiCalls.PersonItem("9434765918");
        item.Remove("question");
        item["minutesAllotted"] = 500;

        var response = await _api.Coordinator.PostAsJsonAsync($"/api/meetings/{meeting}/agenda", item);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("nhsNumber", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("minutesAllotted", out _), errors.ToString());
        Assert.Equal(0, await _api.QueryAsync(db => db.AgendaItems.CountAsync()));
    }

    [Fact]
    public async Task Urgent_or_complex_referrals_escalations_and_reviews_due_are_proposed_once_each_however_often_they_arrive()
    {
        var urgent = Accepted("9434765919", "urgent", "standard");
        var complex = Accepted("9449305552", "routine", "complex");
        var routine = Accepted("9449306621", "routine", "standard");
        var escalation = new EscalationRaised(Guid.NewGuid(), Guid.NewGuid(), "9434765919", "Y00001", "urgent", "Not eating, daughter worried",
            new TeamMember("user-clinician", "Dr Asha Patel", "clinician"), "user-care-coordinator", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(4));
        var review = new CarePlanReviewDue(Guid.NewGuid(), null, "9449305552", new DateOnly(2026, 12, 1), "user-care-coordinator", DateTimeOffset.UtcNow, "Y00001");
        foreach (var message in new object[] { urgent, complex, routine, escalation, review })
        {
            var messageId = Guid.NewGuid();
            await _api.PublishAsync(message, messageId);
            // Redelivered (same message id), then sent again as a new message: still one proposal.
            await _api.PublishAsync(message, messageId);
            await _api.PublishAsync(message, Guid.NewGuid());
        }

        // The routine referral is recorded (for the papers) but proposes nothing.
        await Eventually.TrueAsync(() => _api.QueryAsync(db => db.People.AnyAsync(p => p.NhsNumber == "9449306621")), what: "the routine referral recorded");
        await Eventually.TrueAsync(async () => await _api.QueryAsync(db => db.Set<CareMesh.Messaging.Inbox.InboxMessage>().CountAsync()) >= 10,
            what: "every copy consumed");
        await Eventually.TrueAsync(async () => await factory.Broker.CountMessagesAsync("referral-accepted") == 0 &&
                                               await factory.Broker.CountMessagesAsync("escalation-raised") == 0 &&
                                               await factory.Broker.CountMessagesAsync("care-plan-review-due") == 0, what: "queues drained");

        var proposals = await _api.GetAsync("/api/meetings/proposals");
        Assert.Equal(4, proposals.GetArrayLength());
        Assert.Equal(
            [("referral-accepted", "9434765919"), ("referral-accepted", "9449305552"), ("escalation-raised", "9434765919"), ("care-plan-review-due", "9449305552")],
            proposals.EnumerateArray().Select(p => (p.GetProperty("source").GetString(), p.GetProperty("nhsNumber").GetString())).OrderBy(p => p.Item1 == "referral-accepted" ? 0 : p.Item1 == "escalation-raised" ? 1 : 2).ThenBy(p => p.Item2));
        Assert.Contains(proposals.EnumerateArray(), p => p.GetProperty("personName").GetString() == "Ada Lovelace");
        // Another practice's coordinator sees none of them.
        Assert.Equal(0, (await _api.GetAsync("/api/meetings/proposals", _api.OtherPractice)).GetArrayLength());
        // Proposed, never added: no agenda has them until a coordinator confirms one.
        Assert.Equal(0, await _api.QueryAsync(db => db.AgendaItems.CountAsync()));
    }

    [Fact]
    public async Task A_coordinator_confirms_a_proposal_onto_a_meeting_once_and_dismisses_another()
    {
        var meeting = (await _api.CreateMeetingAsync("2026-12-30")).GetProperty("id").GetGuid();
        await _api.PublishAsync(Accepted("9434765919", "urgent", "complex"), Guid.NewGuid());
        await _api.PublishAsync(Accepted("9449305552", "urgent", "standard"), Guid.NewGuid());
        var proposals = await Eventually.Until(() => _api.GetAsync("/api/meetings/proposals"), p => p.GetArrayLength() == 2, what: "two proposals");
        var first = proposals.EnumerateArray().Single(p => p.GetProperty("nhsNumber").GetString() == "9434765919").GetProperty("id").GetGuid();
        var second = proposals.EnumerateArray().Single(p => p.GetProperty("nhsNumber").GetString() == "9449305552").GetProperty("id").GetGuid();

        var item = await _api.PostAsync($"/api/meetings/{meeting}/agenda/from-proposal", new { proposalId = first, question = "Joint visit with the district nurse?" },
            expected: HttpStatusCode.Created);
        var twice = await _api.Coordinator.PostAsJsonAsync($"/api/meetings/{meeting}/agenda/from-proposal", new { proposalId = first });
        var dismissed = await _api.PostAsync($"/api/meetings/proposals/{second}/dismiss", new { reason = "Seen at the practice huddle" });

        Assert.Equal("referral-accepted", item.GetProperty("source").GetString());
        Assert.Equal("9434765919", item.GetProperty("nhsNumber").GetString());
        Assert.Equal("Ada Lovelace", item.GetProperty("personName").GetString());
        Assert.StartsWith("Referral accepted (urgent and complex)", item.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("dismissed", dismissed.GetProperty("status").GetString());
        Assert.Equal(0, (await _api.GetAsync("/api/meetings/proposals")).GetArrayLength());
    }

    private static ReferralAccepted Accepted(string nhsNumber, string urgency, string complexity) => new(
        Guid.NewGuid(), new ReferredPatient(nhsNumber, "Ada", "Lovelace", new DateOnly(1950, 12, 10), "Y00001"),
        "Lives alone, struggling after discharge", null, urgency, complexity, ["social-isolation"], ["lives-alone"],
        new TeamMember("user-care-coordinator", "Sam Jones", "care-coordinator"), null, "user-care-coordinator", DateTimeOffset.UtcNow);
}
