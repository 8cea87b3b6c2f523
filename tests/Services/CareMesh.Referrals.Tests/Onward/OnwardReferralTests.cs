using System.Net;
using CareMesh.Contracts.Directory;
using CareMesh.Referrals.Onward;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Referrals.Tests.Onward;

/// <summary>Onward referrals to directory services and others; each partner sees only its own; the loop closed and chased.</summary>
public class OnwardReferralTests(ReferralsServiceFactory factory) : IClassFixture<ReferralsServiceFactory>, IAsyncLifetime
{
    private readonly ReferralsApiCalls _api = new(factory);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<System.Text.Json.JsonElement> SendAsync(Guid referral, Guid service, HttpStatusCode expected = HttpStatusCode.Created) =>
        _api.PostAsync($"/api/referrals/{referral}/onward-referrals",
            new { kind = "directory-service", serviceId = service, summary = "Ada would like to join a singing group; she needs step-free access." }, expected: expected);

    [Fact]
    public async Task A_directory_service_is_looked_up_kept_as_it_was_and_counted()
    {
        await _api.ListenAsync("OnwardReferralSent", "sent-probe");
        var id = await _api.AcceptedReferralAsync(ReferralsApiCalls.NhsNumber(61));

        var sent = await SendAsync(id, DirectoryStub.SingingGroup);

        Assert.Equal("Chapel Allerton Singing for Wellbeing", sent.GetProperty("receiverName").GetString());
        Assert.Equal("Leeds Community Arts", sent.GetProperty("organisationName").GetString());
        Assert.Equal("hello@example.org.uk", sent.GetProperty("receiverContact").GetString());
        Assert.StartsWith("Bearer ", factory.Directory.Authorizations.Last());
        var onwardId = sent.GetProperty("id").GetGuid();
        var counted = (await _api.PublishedAsync("sent-probe", m => m.GetProperty("onwardReferralId").GetGuid() == onwardId, s => s.Count >= 1, "OnwardReferralSent")).Single();
        Assert.Equal(DirectoryStub.Organisation, counted.GetProperty("organisationId").GetGuid());
        Assert.Equal(1, (await _api.GetAsync("/api/caseload", _api.LinkWorker)).GetProperty("items")[0].GetProperty("pendingOnwardReferrals").GetInt32());
    }

    [Fact]
    public async Task Signposting_only_withdrawn_unknown_and_unconsented_receivers_are_refused_and_nothing_is_sent()
    {
        var id = await _api.AcceptedReferralAsync(ReferralsApiCalls.NhsNumber(62));
        var unconsented = await _api.AcceptedReferralAsync(ReferralsApiCalls.NhsNumber(63), consent: false);

        await SendAsync(id, DirectoryStub.SignpostingOnly, HttpStatusCode.Conflict);
        await SendAsync(id, DirectoryStub.Withdrawn, HttpStatusCode.Conflict);
        await SendAsync(id, Guid.NewGuid(), HttpStatusCode.BadRequest);
        await SendAsync(unconsented, DirectoryStub.SingingGroup, HttpStatusCode.Conflict);
        await _api.PostAsync($"/api/referrals/{id}/onward-referrals", new { kind = "statutory", statutoryService = "the-moon", summary = "x" }, expected: HttpStatusCode.BadRequest);

        Assert.Equal(0, await _api.QueryAsync(db => db.OnwardReferrals.CountAsync()));
    }

    [Fact]
    public async Task A_partner_sees_and_answers_only_what_was_sent_to_its_organisation_without_the_NHS_number()
    {
        await _api.ListenAsync("OnwardReferralAccepted", "onward-accepted-probe");
        await _api.ListenAsync("OnwardReferralCompleted", "onward-completed-probe");
        var nhs = ReferralsApiCalls.NhsNumber(64);
        var id = await _api.AcceptedReferralAsync(nhs);
        var ours = (await SendAsync(id, DirectoryStub.SingingGroup)).GetProperty("id").GetGuid();
        var theirs = (await SendAsync(id, DirectoryStub.OtherOrganisationsService)).GetProperty("id").GetGuid();
        var partner = _api.Partner(DirectoryStub.Organisation);
        var otherPartner = _api.Partner(Guid.NewGuid());

        var inbox = await _api.GetAsync("/api/onward-referrals", partner);
        var one = await _api.GetAsync($"/api/onward-referrals/{ours}", partner);

        Assert.Equal([ours], inbox.EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, one.GetProperty("person").GetProperty("nhsNumber").ValueKind);
        Assert.Equal("Ada", one.GetProperty("person").GetProperty("givenName").GetString());
        Assert.DoesNotContain(nhs, one.GetRawText());
        Assert.Equal(0, (await _api.GetAsync("/api/onward-referrals", otherPartner)).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendAsync(HttpMethod.Get, $"/api/onward-referrals/{theirs}", client: partner)).StatusCode);
        await _api.PostAsync($"/api/onward-referrals/{ours}/accept", new { }, otherPartner, HttpStatusCode.NotFound);
        await _api.PostAsync($"/api/onward-referrals/{ours}/accept", new { }, _api.Coordinator, HttpStatusCode.Forbidden);
        var ops = factory.CreateClientAs(CareMeshRoles.Ops);
        Assert.Equal(HttpStatusCode.Forbidden, (await ops.GetAsync("/api/onward-referrals")).StatusCode);

        await _api.PostAsync($"/api/onward-referrals/{ours}/accept", new { }, partner, ifMatch: "\"1\"");
        await _api.PostAsync($"/api/onward-referrals/{ours}/decline", new { reason = "Full" }, partner, HttpStatusCode.Conflict);
        await _api.PostAsync($"/api/onward-referrals/{ours}/complete", new { }, partner, HttpStatusCode.BadRequest);
        var completed = await _api.PostAsync($"/api/onward-referrals/{ours}/complete", new { outcome = "Joined the choir" }, partner);

        Assert.Equal("completed", completed.GetProperty("status").GetString());
        await _api.PublishedAsync("onward-accepted-probe", m => m.GetProperty("onwardReferralId").GetGuid() == ours, s => s.Count >= 1, "OnwardReferralAccepted");
        var done = await _api.PublishedAsync("onward-completed-probe", m => m.GetProperty("onwardReferralId").GetGuid() == ours, s => s.Count >= 1, "OnwardReferralCompleted");
        Assert.Equal("Joined the choir", done.Single().GetProperty("outcome").GetString());
        var partnerReads = (await _api.AuditOfAsync(nhs)).Where(a => a.Role == CareMeshRoles.VcsPartner).ToList();
        Assert.Contains(partnerReads, a => a.Action == "onward-referral.complete" && a.Organisation == DirectoryStub.Organisation.ToString());
    }

    [Fact]
    public async Task A_team_role_referral_is_answered_by_staff_and_declines_with_a_reason()
    {
        await _api.ListenAsync("OnwardReferralDeclined", "onward-declined-probe");
        var id = await _api.AcceptedReferralAsync(ReferralsApiCalls.NhsNumber(65));
        var sent = await _api.PostAsync($"/api/referrals/{id}/onward-referrals", new { kind = "team-role", teamRole = "health-coach", summary = "Weight and activity goals" },
            expected: HttpStatusCode.Created);
        var onwardId = sent.GetProperty("id").GetGuid();

        await _api.PostAsync($"/api/onward-referrals/{onwardId}/decline", new { }, expected: HttpStatusCode.BadRequest);
        await _api.PostAsync($"/api/onward-referrals/{onwardId}/decline", new { reason = "No coach free until June" });

        var declined = (await _api.PublishedAsync("onward-declined-probe", m => m.GetProperty("onwardReferralId").GetGuid() == onwardId, s => s.Count >= 1, "declined")).Single();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, declined.GetProperty("serviceId").ValueKind);
        Assert.Equal("No coach free until June", declined.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task One_unanswered_for_14_days_is_flagged_for_chasing_once()
    {
        var id = await _api.AcceptedReferralAsync(ReferralsApiCalls.NhsNumber(66));
        var onwardId = (await SendAsync(id, DirectoryStub.SingingGroup)).GetProperty("id").GetGuid();
        factory.Clock.Advance(TimeSpan.FromDays(13));
        await factory.Services.RunScheduledCheckAsync<UnansweredOnwardReferralsCheck>();
        Assert.Equal(0, (await _api.GetAsync("/api/onward-referrals?needsChasing=true")).GetArrayLength());

        factory.Clock.Advance(TimeSpan.FromDays(2));
        await factory.Services.RunScheduledCheckAsync<UnansweredOnwardReferralsCheck>();
        await factory.Services.RunScheduledCheckAsync<UnansweredOnwardReferralsCheck>();

        var chase = (await _api.GetAsync("/api/onward-referrals?needsChasing=true")).EnumerateArray().Single();
        Assert.Equal(onwardId, chase.GetProperty("id").GetGuid());
        Assert.True(chase.GetProperty("needsChasing").GetBoolean());
        Assert.Equal(1, await _api.QueryAsync(db => db.Set<AuditEvent>().CountAsync(a => a.Action == "onward-referral.chase" && a.RecordId == onwardId.ToString())));
    }

    [Fact]
    public async Task A_service_withdrawn_from_the_directory_flags_its_pending_referrals_once_per_message()
    {
        var id = await _api.AcceptedReferralAsync(ReferralsApiCalls.NhsNumber(67));
        var onwardId = (await SendAsync(id, DirectoryStub.SingingGroup)).GetProperty("id").GetGuid();
        var withdrawn = new DirectoryServiceWithdrawn(DirectoryStub.SingingGroup, DirectoryStub.Organisation, "Chapel Allerton Singing for Wellbeing", "Funding ended",
            DateTimeOffset.UtcNow);
        var messageId = Guid.NewGuid();

        await _api.PublishAsync(withdrawn, messageId);
        await _api.PublishAsync(withdrawn, messageId);

        await Testing.Eventually.TrueAsync(() => _api.QueryAsync(db => db.Set<CareMesh.Messaging.Inbox.InboxMessage>().AnyAsync(m => m.MessageId == messageId)), what: "the withdrawal consumed");
        await Testing.Eventually.TrueAsync(async () => await factory.Broker.CountMessagesAsync("directory-service-withdrawn") == 0, what: "the repeat delivered");
        var flagged = await _api.GetAsync($"/api/onward-referrals/{onwardId}");
        Assert.True(flagged.GetProperty("serviceWithdrawn").GetBoolean());
        Assert.Equal(1, await _api.QueryAsync(db => db.Set<AuditEvent>().CountAsync(a => a.Action == "onward-referral.service-withdrawn")));
        Assert.Equal(onwardId, (await _api.GetAsync("/api/onward-referrals?needsChasing=true"))[0].GetProperty("id").GetGuid());
    }
}
