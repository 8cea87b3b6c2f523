using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMesh.Referrals.Workflow;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Referrals.Tests.Workflow;

/// <summary>The workflow's events, its history, concurrent edits and a team lead's merge.</summary>
public class WorkflowTests(ReferralsServiceFactory factory) : IClassFixture<ReferralsServiceFactory>, IAsyncLifetime
{
    private readonly ReferralsApiCalls _api = new(factory);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Accepting_publishes_what_CarePlans_and_Meetings_need_and_tells_the_referrer_once()
    {
        await _api.ListenAsync("ReferralAccepted", "accepted-probe");
        await _api.ListenAsync("ReferralAllocated", "allocated-probe");
        await _api.ListenAsync("ReferralOutcomeForReferrer", "outcome-probe");
        var nhs = ReferralsApiCalls.NhsNumber(31);

        var id = await _api.AcceptedReferralAsync(nhs);

        var accepted = (await _api.PublishedAsync("accepted-probe", m => m.GetProperty("referralId").GetGuid() == id, s => s.Count >= 1, "ReferralAccepted")).Single();
        Assert.Equal(nhs, accepted.GetProperty("patient").GetProperty("nhsNumber").GetString());
        Assert.Equal("standard", accepted.GetProperty("complexity").GetString());
        Assert.Equal(["social-isolation", "physical-activity"], accepted.GetProperty("needs").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["lives-alone", "frailty"], accepted.GetProperty("riskFlags").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("user-link-worker", accepted.GetProperty("careCoordinator").GetProperty("userId").GetString());
        Assert.Equal("user-clinician", accepted.GetProperty("namedClinician").GetProperty("userId").GetString());
        var allocated = (await _api.PublishedAsync("allocated-probe", m => m.GetProperty("referralId").GetGuid() == id, s => s.Count >= 1, "ReferralAllocated")).Single();
        Assert.Equal("link-worker", allocated.GetProperty("role").GetString());
        var outcome = (await _api.PublishedAsync("outcome-probe", m => m.GetProperty("referralId").GetGuid() == id, s => s.Count >= 1, "ReferralOutcomeForReferrer")).Single();
        Assert.Equal("accepted", outcome.GetProperty("decision").GetString());
        Assert.Equal("Dr Asha Patel", outcome.GetProperty("referrerName").GetString());
        Assert.Equal("First call this week", outcome.GetProperty("nextSteps").GetString());
        Assert.Equal("871731000000106", outcome.GetProperty("codes")[0].GetProperty("code").GetString());
        Assert.Empty(await _api.RestOfAsync("accepted-probe"));
        Assert.Empty(await _api.RestOfAsync("outcome-probe"));
    }

    [Fact]
    public async Task Declining_publishes_the_reason_and_the_referrers_outcome()
    {
        await _api.ListenAsync("ReferralDeclined", "declined-probe");
        await _api.ListenAsync("ReferralOutcomeForReferrer", "outcome-probe-2");
        var id = (await _api.CreateReferralAsync(ReferralsApiCalls.Referral(ReferralsApiCalls.NhsNumber(32)))).GetProperty("id").GetGuid();

        var declined = await _api.MoveAsync(id, new { action = "decline", declineReason = "not-registered-with-pcn", reason = "Registered in Bradford" });

        Assert.Equal("declined", declined.GetProperty("status").GetString());
        var @event = (await _api.PublishedAsync("declined-probe", m => m.GetProperty("referralId").GetGuid() == id, s => s.Count >= 1, "ReferralDeclined")).Single();
        Assert.Equal("not-registered-with-pcn", @event.GetProperty("reasonCode").GetString());
        var outcome = (await _api.PublishedAsync("outcome-probe-2", m => m.GetProperty("referralId").GetGuid() == id, s => s.Count >= 1, "outcome")).Single();
        Assert.Equal("871711000000103", outcome.GetProperty("codes")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Completing_closes_the_episode_with_its_outcome()
    {
        await _api.ListenAsync("ReferralClosed", "closed-probe");
        var id = await _api.AcceptedReferralAsync(ReferralsApiCalls.NhsNumber(33));
        await _api.MoveAsync(id, new { action = "start" });
        await _api.MoveAsync(id, new { action = "hold", reason = "In hospital", until = "2099-01-01" });
        var held = await _api.GetAsync($"/api/referrals/{id}");
        Assert.Equal("In hospital", held.GetProperty("hold").GetProperty("reason").GetString());
        await _api.MoveAsync(id, new { action = "resume" });

        var completed = await _api.MoveAsync(id, new { action = "complete", outcome = "Back at her choir every week" });

        Assert.Equal([], completed.GetProperty("allowedActions").EnumerateArray());
        var closed = (await _api.PublishedAsync("closed-probe", m => m.GetProperty("referralId").GetGuid() == id, s => s.Count >= 1, "ReferralClosed")).Single();
        Assert.Equal("completed", closed.GetProperty("finalStatus").GetString());
        Assert.Equal("Back at her choir every week", closed.GetProperty("outcome").GetString());
        var history = await _api.GetAsync($"/api/referrals/{id}/history");
        Assert.Equal(["triage", "allocate", "accept", "start", "hold", "resume", "complete"], history.EnumerateArray().Select(t => t.GetProperty("action").GetString()));
        Assert.All(history.EnumerateArray(), t => Assert.Equal("care-coordinator", t.GetProperty("byRole").GetString()));
    }

    [Fact]
    public async Task A_change_on_a_stale_version_is_refused_with_412_and_changes_nothing()
    {
        var id = (await _api.CreateReferralAsync(ReferralsApiCalls.Referral(ReferralsApiCalls.NhsNumber(34)))).GetProperty("id").GetGuid();
        var read = await _api.Coordinator.GetAsync($"/api/referrals/{id}");
        var etag = read.Headers.ETag!.Tag;
        await _api.PostAsync($"/api/referrals/{id}/triage", new { role = "link-worker", complexity = "standard" }, ifMatch: etag);

        var stale = await _api.SendAsync(HttpMethod.Post, $"/api/referrals/{id}/transitions", new { action = "cancel", reason = "Duplicate" }, ifMatch: etag);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ReferralStatus.Triaged, (await _api.QueryAsync(db => db.Referrals.SingleAsync())).Status);
        var fresh = await _api.Coordinator.GetAsync($"/api/referrals/{id}");
        Assert.Equal("\"2\"", fresh.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task A_refused_step_names_the_current_status_and_what_it_allows()
    {
        var id = (await _api.CreateReferralAsync(ReferralsApiCalls.Referral(ReferralsApiCalls.NhsNumber(35)))).GetProperty("id").GetGuid();

        var refused = await _api.MoveAsync(id, new { action = "complete", outcome = "Done" }, expected: HttpStatusCode.Conflict);

        Assert.Equal("received", refused.GetProperty("currentStatus").GetString());
        Assert.Equal(["triaged", "declined", "cancelled", "entered-in-error"], refused.GetProperty("allowedNextStatuses").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task A_team_lead_merges_a_duplicate_keeping_both_histories()
    {
        await _api.ListenAsync("ReferralClosed", "merged-probe");
        var nhs = ReferralsApiCalls.NhsNumber(36);
        var keep = (await _api.CreateReferralAsync(ReferralsApiCalls.Referral(nhs))).GetProperty("id").GetGuid();
        var duplicate = (await _api.CreateReferralAsync(ReferralsApiCalls.Referral(nhs))).GetProperty("id").GetGuid();
        await _api.TriageAsync(duplicate);
        var third = (await _api.CreateReferralAsync(ReferralsApiCalls.Referral(nhs))).GetProperty("id").GetGuid();
        var refused = await _api.SendAsync(HttpMethod.Post, $"/api/referrals/{keep}/merge", new { duplicateId = duplicate, reason = "Twice" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var kept = await _api.PostAsync($"/api/referrals/{keep}/merge", new { duplicateId = duplicate, reason = "Referred twice by the practice" }, _api.TeamLead);

        Assert.Equal(2, kept.GetProperty("version").GetInt32());
        var merged = await _api.GetAsync($"/api/referrals/{duplicate}");
        Assert.Equal("entered-in-error", merged.GetProperty("status").GetString());
        Assert.Equal(keep, merged.GetProperty("mergedInto").GetGuid());
        var history = await _api.GetAsync($"/api/referrals/{keep}/history");
        Assert.Equal([(duplicate, "triage"), (duplicate, "merge")], history.EnumerateArray().Select(t => (t.GetProperty("referralId").GetGuid(), t.GetProperty("action").GetString())));
        Assert.Equal(keep, (await _api.GetAsync($"/api/referrals/{third}")).GetProperty("possibleDuplicateOf").GetGuid());
        var closed = (await _api.PublishedAsync("merged-probe", m => m.GetProperty("referralId").GetGuid() == duplicate, s => s.Count >= 1, "ReferralClosed")).Single();
        Assert.Equal("entered-in-error", closed.GetProperty("finalStatus").GetString());
    }

    [Fact]
    public async Task Only_one_persons_referrals_are_merged()
    {
        var keep = (await _api.CreateReferralAsync(ReferralsApiCalls.Referral(ReferralsApiCalls.NhsNumber(37)))).GetProperty("id").GetGuid();
        var other = (await _api.CreateReferralAsync(ReferralsApiCalls.Referral(ReferralsApiCalls.NhsNumber(38)))).GetProperty("id").GetGuid();

        var refused = await _api.SendAsync(HttpMethod.Post, $"/api/referrals/{keep}/merge", new { duplicateId = other, reason = "Twice" }, _api.TeamLead);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(ReferralStatus.Received, (await _api.QueryAsync(db => db.Referrals.SingleAsync(r => r.Id == other))).Status);
    }

    [Fact]
    public async Task Accepting_an_unallocated_referral_is_refused()
    {
        var id = (await _api.CreateReferralAsync(ReferralsApiCalls.Referral(ReferralsApiCalls.NhsNumber(39)))).GetProperty("id").GetGuid();
        await _api.TriageAsync(id);

        var refused = await _api.SendAsync(HttpMethod.Post, $"/api/referrals/{id}/transitions", new { action = "accept" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(0, await _api.QueryAsync(db => db.Set<CareMesh.Messaging.Outbox.OutboxMessage>().CountAsync(m => m.MessageType.EndsWith("ReferralAccepted"))));
    }
}
