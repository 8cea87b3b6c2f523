using System.Net;
using System.Text.Json;
using CareMesh.Referrals.Escalations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Referrals.Tests.Escalations;

/// <summary>Escalations to the named clinician, acknowledged in working time or raised again and flagged to the team lead (the clock under the test's control).</summary>
public class EscalationTests(ReferralsServiceFactory factory) : IClassFixture<ReferralsServiceFactory>, IAsyncLifetime
{
    private static readonly DateTimeOffset FridayFivePm = new(2026, 3, 6, 17, 0, 0, TimeSpan.Zero);

    private readonly ReferralsApiCalls _api = new(factory);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_escalation_not_acknowledged_in_four_working_hours_is_raised_again_once_and_flagged_to_the_team_lead()
    {
        await _api.ListenAsync("EscalationRaised", "raised-probe");
        await _api.ListenAsync("EscalationOverdue", "overdue-probe");
        var nhs = ReferralsApiCalls.NhsNumber(51);
        // Set before anything is written: the outbox sends what was committed up to the clock's now.
        factory.Clock.SetTo(FridayFivePm.AddMinutes(-5));
        var id = await _api.AcceptedReferralAsync(nhs);
        factory.Clock.SetTo(FridayFivePm);

        var raised = await _api.PostAsync($"/api/referrals/{id}/escalations", new { severity = "urgent", concern = "Says she has stopped taking her insulin" }, expected: HttpStatusCode.Created);

        // Friday 17:00 with four working hours to go (08:00-18:30 days): Monday 10:30.
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 10, 30, 0, TimeSpan.Zero), raised.GetProperty("acknowledgeBy").GetDateTimeOffset(), TimeSpan.FromSeconds(5));
        var escalationId = raised.GetProperty("id").GetGuid();
        var published = (await _api.PublishedAsync("raised-probe", m => m.GetProperty("escalationId").GetGuid() == escalationId, s => s.Count >= 1, "EscalationRaised")).Single();
        Assert.Equal("user-clinician", published.GetProperty("clinician").GetProperty("userId").GetString());

        factory.Clock.SetTo(new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.Zero));
        await factory.Services.RunScheduledCheckAsync<OverdueEscalationsCheck>();
        factory.Clock.SetTo(new DateTimeOffset(2026, 3, 9, 10, 31, 0, TimeSpan.Zero));
        await factory.Services.RunScheduledCheckAsync<OverdueEscalationsCheck>();
        await factory.Services.RunScheduledCheckAsync<OverdueEscalationsCheck>();

        var overdue = await _api.PublishedAsync("overdue-probe", m => m.GetProperty("escalationId").GetGuid() == escalationId, s => s.Count >= 1, "EscalationOverdue");
        Assert.Equal(2, overdue.Single().GetProperty("timesRaised").GetInt32());
        Assert.Empty(await _api.RestOfAsync("overdue-probe"));
        var listed = (await _api.GetAsync("/api/referrals/escalations?overdue=false", _api.TeamLead)).EnumerateArray().Single();
        Assert.True(listed.GetProperty("flaggedToTeamLead").GetBoolean());
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 14, 31, 0, TimeSpan.Zero), listed.GetProperty("acknowledgeBy").GetDateTimeOffset(), TimeSpan.FromSeconds(5));
        Assert.Single(await _api.AuditOfAsync(nhs), a => a.Action == "escalation.overdue" && a.UserId == "system:referrals:overdue-escalations");
    }

    [Fact]
    public async Task Only_the_clinician_it_is_addressed_to_acknowledges_it()
    {
        await _api.ListenAsync("EscalationAcknowledged", "ack-probe");
        var id = await _api.AcceptedReferralAsync(ReferralsApiCalls.NhsNumber(52));
        var toOther = await _api.PostAsync($"/api/referrals/{id}/escalations",
            new { severity = "routine-review", concern = "Low mood", clinician = new { userId = "user-other-clinician", name = "Dr Other" } }, expected: HttpStatusCode.Created);
        await _api.PostAsync($"/api/referrals/escalations/{toOther.GetProperty("id").GetGuid()}/acknowledge", new { response = "Seen" }, _api.Clinician, HttpStatusCode.NotFound);
        var toMe = await _api.PostAsync($"/api/referrals/{id}/escalations",
            new { severity = "urgent", concern = "Fell twice this week", clinician = new { userId = "user-clinician", name = "Dr Asha Patel" } }, expected: HttpStatusCode.Created);
        var escalationId = toMe.GetProperty("id").GetGuid();

        var mine = await _api.GetAsync("/api/referrals/escalations", _api.Clinician);
        var acknowledged = await _api.PostAsync($"/api/referrals/escalations/{escalationId}/acknowledge", new { response = "Falls clinic booked" }, _api.Clinician, ifMatch: "\"1\"");

        Assert.Equal([escalationId], mine.EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
        Assert.Equal("Falls clinic booked", acknowledged.GetProperty("response").GetString());
        await _api.PostAsync($"/api/referrals/escalations/{escalationId}/acknowledge", new { response = "Again" }, _api.Clinician, HttpStatusCode.Conflict);
        await _api.PublishedAsync("ack-probe", m => m.GetProperty("escalationId").GetGuid() == escalationId, s => s.Count >= 1, "EscalationAcknowledged");
        factory.Clock.Advance(TimeSpan.FromDays(7));
        await factory.Services.RunScheduledCheckAsync<OverdueEscalationsCheck>();
        Assert.Equal(1, await _api.QueryAsync(db => db.Escalations.Where(e => e.Id == escalationId).Select(e => e.TimesRaised).SingleAsync()));
    }

    [Fact]
    public async Task A_clinician_sees_the_referrals_addressed_to_them_and_no_others()
    {
        var named = await _api.AcceptedReferralAsync(ReferralsApiCalls.NhsNumber(53));
        var other = (await _api.CreateReferralAsync(ReferralsApiCalls.Referral(ReferralsApiCalls.NhsNumber(54)))).GetProperty("id").GetGuid();

        await _api.GetAsync($"/api/referrals/{named}", _api.Clinician);
        var hidden = await _api.SendAsync(HttpMethod.Get, $"/api/referrals/{other}", client: _api.Clinician);
        var search = await _api.PostAsync("/api/referrals/search", new { nhsNumber = ReferralsApiCalls.NhsNumber(54) }, _api.Clinician);

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(0, search.GetArrayLength());
        Assert.Contains(await _api.AuditOfAsync(ReferralsApiCalls.NhsNumber(54)), a => a is { Action: "referral.search", Outcome: AuditOutcomes.NotFound, Role: CareMeshRoles.Clinician });
    }

    [Fact]
    public async Task An_escalation_without_a_clinician_to_go_to_is_refused()
    {
        var id = (await _api.CreateReferralAsync()).GetProperty("id").GetGuid();

        await _api.PostAsync($"/api/referrals/{id}/escalations", new { severity = "urgent", concern = "Chest pain" }, expected: HttpStatusCode.BadRequest);

        Assert.Equal(0, await _api.QueryAsync(db => db.Escalations.CountAsync()));
    }

    [Fact]
    public async Task A_referrals_escalations_stay_on_it_once_answered_newest_first()
    {
        var id = await _api.AcceptedReferralAsync(ReferralsApiCalls.NhsNumber(54));
        var first = await _api.PostAsync($"/api/referrals/{id}/escalations",
            new { severity = "routine-review", concern = "Low mood", clinician = new { userId = "user-clinician", name = "Dr Asha Patel" } }, expected: HttpStatusCode.Created);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await _api.PostAsync($"/api/referrals/{id}/escalations", new { severity = "urgent", concern = "Fell twice this week" }, expected: HttpStatusCode.Created);
        await _api.PostAsync($"/api/referrals/escalations/{first.GetProperty("id").GetGuid()}/acknowledge", new { response = "Reviewed, GP appointment booked" }, _api.Clinician, ifMatch: "\"1\"");

        var seen = await _api.GetAsync($"/api/referrals/{id}/escalations");

        Assert.Equal([second.GetProperty("id").GetGuid(), first.GetProperty("id").GetGuid()], seen.EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
        Assert.Equal("Reviewed, GP appointment booked", seen[1].GetProperty("response").GetString());
        Assert.Equal(JsonValueKind.Null, seen[0].GetProperty("acknowledgedAt").ValueKind);
        var notTheirs = (await _api.CreateReferralAsync(ReferralsApiCalls.Referral(ReferralsApiCalls.NhsNumber(55)))).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendAsync(HttpMethod.Get, $"/api/referrals/{notTheirs}/escalations", client: _api.Clinician)).StatusCode);
    }
}
