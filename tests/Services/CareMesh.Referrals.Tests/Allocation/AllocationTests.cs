using System.Net;
using System.Text.Json;
using CareMesh.Referrals.Intake;
using CareMesh.Referrals.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Referrals.Tests.Allocation;

/// <summary>Triage, suggestions that balance caseloads, allocation and reallocation, caseloads and the team's balance.</summary>
public class AllocationTests(ReferralsServiceFactory factory) : IClassFixture<ReferralsServiceFactory>, IAsyncLifetime
{
    private readonly ReferralsApiCalls _api = new(factory);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Open referrals allocated straight into the database: <paramref name="urgent"/> urgent and complex, the rest routine.</summary>
    private Task GiveCaseloadAsync(string member, int routine, int urgent = 0, string status = "InProgress") => _api.QueryAsync(async db =>
    {
        for (var i = 0; i < routine + urgent; i++)
        {
            var referral = Referral.Receive(new ReferralDetails(ReferralsApiCalls.NhsNumber(500 + i), "P", "Q", new DateOnly(1960, 1, 1), "Y00001", "r",
                i < urgent ? Urgency.Urgent : Urgency.Routine, ReferralSource.Gp, new PatientContact(null, null, null, null, null, null, null, null, null, null, false),
                null, null, [], [], new Consent(false, [], null), null), "seed", DateTimeOffset.UtcNow.AddDays(-i));
            referral.Status = Enum.Parse<ReferralStatus>(status);
            referral.Complexity = i < urgent ? Complexity.Complex : Complexity.Standard;
            (referral.AllocatedToUserId, referral.AllocatedToName, referral.AllocatedRole, referral.AllocatedAt) = (member, member, "link-worker", DateTimeOffset.UtcNow);
            db.Referrals.Add(referral);
        }

        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task The_suggestion_is_the_least_loaded_member_with_the_role_who_covers_the_practice_and_says_why()
    {
        await _api.AddMemberAsync("user-busy", "Busy Bee", capacity: 10, practices: "Y00001");
        await _api.AddMemberAsync("user-light", "Light Load", capacity: 10, practices: "Y00001");
        await _api.AddMemberAsync("user-elsewhere", "Else Where", capacity: 10, practices: "Y00009");
        await _api.AddMemberAsync("user-coach", "Coach", role: "health-coach", capacity: 10);
        await GiveCaseloadAsync("user-busy", routine: 2, urgent: 2);
        await GiveCaseloadAsync("user-light", routine: 4);
        var id = (await _api.CreateReferralAsync()).GetProperty("id").GetGuid();
        await _api.TriageAsync(id);

        var suggestions = (await _api.GetAsync($"/api/referrals/{id}/allocation-suggestions")).EnumerateArray().ToList();

        Assert.Equal(["user-light", "user-busy", "user-elsewhere"], suggestions.Select(s => s.GetProperty("userId").GetString()));
        Assert.Equal(4, suggestions[0].GetProperty("load").GetDouble());
        // Two urgent and complex referrals weigh 2 × 1.5 each: 2 + 6.
        Assert.Equal(8, suggestions[1].GetProperty("load").GetDouble());
        Assert.Equal("Light Load carries 4 of 10 (40% of capacity); this referral adds 1; aligned to Y00001.", suggestions[0].GetProperty("why").GetString());
        Assert.False(suggestions[2].GetProperty("coversPractice").GetBoolean());
        var coaches = await _api.GetAsync($"/api/referrals/{id}/allocation-suggestions?role=health-coach");
        Assert.Equal("user-coach", coaches[0].GetProperty("userId").GetString());
    }

    [Fact]
    public async Task Allocating_to_someone_outside_the_team_or_reallocating_without_a_reason_is_refused()
    {
        await _api.AddMemberAsync("user-a", "Alex Able");
        await _api.AddMemberAsync("user-b", "Bea Bright");
        var id = (await _api.CreateReferralAsync()).GetProperty("id").GetGuid();
        await _api.TriageAsync(id);
        await _api.PostAsync($"/api/referrals/{id}/allocate", new { userId = "user-nobody" }, expected: HttpStatusCode.BadRequest);
        await _api.AllocateAsync(id, "user-a");

        await _api.PostAsync($"/api/referrals/{id}/allocate", new { userId = "user-b" }, expected: HttpStatusCode.BadRequest);
        var moved = await _api.AllocateAsync(id, "user-b", "Alex is on leave for a month");

        Assert.Equal("user-b", moved.GetProperty("allocation").GetProperty("userId").GetString());
        var history = await _api.GetAsync($"/api/referrals/{id}/history");
        Assert.Equal("Alex is on leave for a month", history[2].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task My_caseload_lists_my_open_referrals_with_filters_sort_paging_and_counts()
    {
        await _api.AddMemberAsync("user-link-worker", "Sam Jones");
        await GiveCaseloadAsync("user-link-worker", routine: 4, urgent: 1);
        await GiveCaseloadAsync("user-link-worker", routine: 2, status: "Completed");
        await GiveCaseloadAsync("user-other", routine: 3);

        var mine = await _api.GetAsync("/api/caseload?sort=urgency&pageSize=2", _api.LinkWorker);
        var page3 = await _api.GetAsync("/api/caseload?page=3&pageSize=2", _api.LinkWorker);
        var urgent = await _api.GetAsync("/api/caseload?urgency=urgent", _api.LinkWorker);
        var inProgress = await _api.GetAsync("/api/caseload?status=in-progress&pageSize=1", _api.LinkWorker);
        var onHold = await _api.GetAsync("/api/caseload?status=on-hold", _api.LinkWorker);

        Assert.Equal(5, mine.GetProperty("total").GetInt32());
        Assert.Equal(5, mine.GetProperty("countsByStatus").GetProperty("in-progress").GetInt32());
        Assert.Equal(2, mine.GetProperty("items").GetArrayLength());
        Assert.Equal("urgent", mine.GetProperty("items")[0].GetProperty("urgency").GetString());
        Assert.Single(page3.GetProperty("items").EnumerateArray());
        Assert.Equal(1, urgent.GetProperty("total").GetInt32());
        Assert.Equal((5, 0), (inProgress.GetProperty("total").GetInt32(), onHold.GetProperty("total").GetInt32()));
        Assert.Equal(0, mine.GetProperty("items")[0].GetProperty("pendingOnwardReferrals").GetInt32());
        var bad = await _api.SendAsync(HttpMethod.Get, "/api/caseload?status=completed&sort=sideways&pageSize=500", client: _api.LinkWorker);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("\"status\"", problem);
        Assert.Contains("\"sort\"", problem);
        Assert.Contains("\"pageSize\"", problem);
    }

    [Fact]
    public async Task Only_a_team_lead_sees_another_members_caseload()
    {
        await GiveCaseloadAsync("user-link-worker", routine: 2);
        // The trail is append-only, so it keeps other tests' reads: only this one's count.
        var before = await _api.QueryAsync(db => db.Set<Microsoft.Extensions.Hosting.AuditEvent>().MaxAsync(a => (long?)a.Id)) ?? 0;

        var refused = await _api.SendAsync(HttpMethod.Get, "/api/caseload?member=user-link-worker", client: _api.Coordinator);
        var lead = await _api.GetAsync("/api/caseload?member=user-link-worker", _api.TeamLead);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(2, lead.GetProperty("total").GetInt32());
        // One row per person on the page, written as one statement, each as complete as a single read's.
        var audited = await _api.QueryAsync(db => db.Set<Microsoft.Extensions.Hosting.AuditEvent>().Where(a => a.Id > before && a.Action == "caseload.read" && a.UserId == "user-team-lead").ToListAsync());
        var items = lead.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(items.Select(i => (i.GetProperty("id").GetString(), i.GetProperty("nhsNumber").GetString())).Order(),
            audited.Select(a => (a.RecordId, a.NhsNumber)).Order());
        Assert.All(audited, a =>
        {
            Assert.Equal(("referral", CareMeshRoles.TeamLead, ReferralsApiCalls.Practice, AuditOutcomes.Succeeded), (a.RecordType, a.Role, a.Organisation, a.Outcome));
            Assert.Equal(32, a.TraceId?.Length);
        });
    }

    [Fact]
    public async Task The_team_lead_sees_each_members_weighted_load_against_capacity()
    {
        await _api.AddMemberAsync("user-a", "Alex Able", capacity: 20, practices: "Y00001");
        await _api.AddMemberAsync("user-b", "Bea Bright", capacity: 0);
        await GiveCaseloadAsync("user-a", routine: 3, urgent: 1);
        await GiveCaseloadAsync("user-b", routine: 6, status: "Accepted");
        await _api.CreateReferralAsync();

        var team = await _api.GetAsync("/api/caseload/team", _api.TeamLead);

        var members = team.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("userId").GetString()!);
        Assert.Equal(4, members["user-a"].GetProperty("openReferrals").GetInt32());
        Assert.Equal(6, members["user-a"].GetProperty("weightedLoad").GetDouble());
        Assert.Equal(0.3, members["user-a"].GetProperty("used").GetDouble());
        Assert.Equal(["Y00001"], members["user-a"].GetProperty("alignedPractices").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(30, members["user-b"].GetProperty("capacity").GetDouble());
        Assert.Equal(6, members["user-b"].GetProperty("countsByStatus").GetProperty("accepted").GetInt32());
        Assert.Equal(1, team.GetProperty("unallocated").GetInt32());
        Assert.DoesNotContain("nhsNumber", team.GetRawText());
        Assert.Equal(HttpStatusCode.Forbidden, (await _api.SendAsync(HttpMethod.Get, "/api/caseload/team", client: _api.Coordinator)).StatusCode);
    }

    [Fact]
    public async Task The_allocation_queue_lists_only_open_referrals_nobody_holds_urgent_first()
    {
        await _api.AddMemberAsync("user-a", "Alex Able");
        await GiveCaseloadAsync("user-a", routine: 2);
        var routine = (await _api.CreateReferralAsync(ReferralsApiCalls.Referral(ReferralsApiCalls.NhsNumber(1)))).GetProperty("id").GetGuid();
        var urgent = (await _api.CreateReferralAsync(ReferralsApiCalls.Referral(ReferralsApiCalls.NhsNumber(2), urgency: "urgent"))).GetProperty("id").GetGuid();
        var cancelled = (await _api.CreateReferralAsync(ReferralsApiCalls.Referral(ReferralsApiCalls.NhsNumber(3)))).GetProperty("id").GetGuid();
        await _api.MoveAsync(cancelled, new { action = "cancel", reason = "Sent in error" });

        var queue = await _api.GetAsync("/api/caseload/unallocated", _api.TeamLead);

        Assert.Equal("unallocated", queue.GetProperty("member").GetString());
        Assert.Equal([urgent, routine], queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.All(queue.GetProperty("items").EnumerateArray(), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("allocatedTo").ValueKind));
        Assert.Equal(2, queue.GetProperty("countsByStatus").GetProperty("received").GetInt32());
        var withMember = await _api.SendAsync(HttpMethod.Get, "/api/caseload/unallocated?member=user-a", client: _api.TeamLead);
        Assert.Equal(HttpStatusCode.BadRequest, withMember.StatusCode);
        Assert.Contains("member", await withMember.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await _api.SendAsync(HttpMethod.Get, "/api/caseload/unallocated", client: _api.Coordinator)).StatusCode);
    }

    [Fact]
    public async Task Overdue_contacts_across_the_team_name_who_holds_each_most_overdue_first()
    {
        await GiveCaseloadAsync("user-a", routine: 3);
        await GiveCaseloadAsync("user-b", routine: 1);
        var today = UkTime.Today(TimeProvider.System);
        await _api.QueryAsync(async db =>
        {
            var referrals = await db.Referrals.OrderBy(r => r.AllocatedToUserId).ThenBy(r => r.ReceivedAt).ToListAsync();
            // user-a: one 5 days overdue, one due today (not overdue), one never set; user-b: one 2 days overdue.
            (referrals[0].NextContactDue, referrals[1].NextContactDue, referrals[3].NextContactDue) = (today.AddDays(-5), today, today.AddDays(-2));
            return await db.SaveChangesAsync();
        });

        var overdue = await _api.GetAsync("/api/caseload/contacts-overdue", _api.TeamLead);

        var items = overdue.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["user-a", "user-b"], items.Select(i => i.GetProperty("allocatedTo").GetString()));
        Assert.All(items, i => Assert.True(i.GetProperty("contactOverdue").GetBoolean()));
        Assert.Equal(2, overdue.GetProperty("total").GetInt32());
        var onlyB = await _api.GetAsync("/api/caseload/contacts-overdue?member=user-b", _api.TeamLead);
        Assert.Equal(["user-b"], onlyB.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("allocatedTo").GetString()));
    }

    [Fact]
    public async Task A_team_member_changed_on_a_stale_version_is_refused()
    {
        await _api.AddMemberAsync("user-a", "Alex Able");
        await _api.AddMemberAsync("user-a", "Alex Able", capacity: 12);

        var stale = await _api.SendAsync(HttpMethod.Put, "/api/referrals/team/user-a", new { name = "Alex", role = "link-worker", capacity = 5 }, _api.TeamLead, "\"1\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var team = await _api.GetAsync("/api/referrals/team");
        Assert.Equal(12, team[0].GetProperty("capacity").GetDouble());
    }
}
