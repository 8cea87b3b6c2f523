using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareMesh.Referrals.Workflow;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Referrals.Tests.Intake;

/// <summary>What a real referral carries, from each kind of source; one person, one record.</summary>
public class FullReferralTests(ReferralsServiceFactory factory) : IClassFixture<ReferralsServiceFactory>, IAsyncLifetime
{
    private readonly ReferralsApiCalls _api = new(factory);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_full_referral_is_kept_whole_read_back_and_announced_once()
    {
        await _api.ListenAsync("ReferralReceived", "received-probe");
        var nhs = ReferralsApiCalls.NhsNumber(11);

        var created = await _api.CreateReferralAsync(ReferralsApiCalls.Referral(nhs));
        var id = created.GetProperty("id").GetGuid();
        var read = await _api.GetAsync($"/api/referrals/{id}");

        Assert.Equal("received", read.GetProperty("status").GetString());
        var patient = read.GetProperty("patient");
        Assert.Equal("LS7 3AP", patient.GetProperty("contact").GetProperty("postcode").GetString());
        Assert.Equal("phone", patient.GetProperty("contact").GetProperty("preferredContactMethod").GetString());
        Assert.Equal("Dr Asha Patel", read.GetProperty("referrer").GetProperty("name").GetString());
        Assert.Equal("Getting back to her Thursday choir", read.GetProperty("whatMatters").GetString());
        Assert.Equal(["social-isolation", "physical-activity"], read.GetProperty("needs").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["lives-alone", "frailty"], read.GetProperty("riskFlags").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["gp", "vcs-partners"], read.GetProperty("consent").GetProperty("with").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("Grace Lovelace", read.GetProperty("carer").GetProperty("name").GetString());
        Assert.Equal(["triage", "decline", "cancel", "enter-in-error", "merge"], read.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));

        var received = await _api.PublishedAsync("received-probe", m => m.GetProperty("referralId").GetGuid() == id, seen => seen.Count >= 1, "ReferralReceived");
        Assert.Equal(nhs, received[0].GetProperty("patient").GetProperty("nhsNumber").GetString());
        Assert.Empty(await _api.RestOfAsync("received-probe"));
    }

    [Theory]
    [InlineData("gp")]
    [InlineData("community-health")]
    [InlineData("voluntary-sector")]
    public async Task Professionals_and_partners_refer_with_their_details(string source)
    {
        var created = await _api.CreateReferralAsync(ReferralsApiCalls.Referral(ReferralsApiCalls.NhsNumber(12), source: source));

        Assert.Equal(source, created.GetProperty("source").GetString());
    }

    [Fact]
    public async Task A_self_referral_is_recorded_by_staff_without_a_referrer()
    {
        var body = ReferralsApiCalls.Referral(ReferralsApiCalls.NhsNumber(13), source: "self-referral");
        body.Remove("referrer");

        var created = await _api.CreateReferralAsync(body, _api.LinkWorker);

        Assert.Equal(JsonValueKind.Null, created.GetProperty("referrer").ValueKind);
        var stored = await _api.QueryAsync(db => db.Referrals.SingleAsync());
        Assert.Equal("user-link-worker", stored.RecordedByUserId);
    }

    public static TheoryData<string, Action<JsonObject>> Faults => new()
    {
        { "patient.postcode", b => b["patient"]!["postcode"] = "LS7" },
        { "patient.phone", b => b["patient"]!["phone"] = "12345" },
        { "patient.email", b => b["patient"]!["email"] = "ada at example" },
        { "patient.preferredContactMethod", b => b["patient"]!["preferredContactMethod"] = "pigeon" },
        { "needs[1]", b => b["needs"] = new JsonArray("housing", "astrology") },
        { "riskFlags", b => b["riskFlags"] = new JsonArray("grumpy") },
        { "consent.with", b => b["consent"]!["with"] = new JsonArray("the-press") },
        { "carer.name", b => b["carer"]!["name"] = null },
        { "referrer.odsCode", b => b["referrer"]!["odsCode"] = "Y!" },
        { "referrer.email", b => b["referrer"]!["email"] = "nobody" },
        { "whatMatters", b => b["whatMatters"] = new string('x', 2001) },
        // Limits the OpenAPI document states: every field a client may send is bounded.
        { "patient.email", b => b["patient"]!["email"] = new string('a', 60) + "@" + new string('b', 260) + ".org" },
        { "needs", b => b["needs"] = new JsonArray(new string('n', 101)) },
        { "referrer.role", b => b["referrer"]!["role"] = new string('r', 101) },
        { "carer.relationship", b => b["carer"]!["relationship"] = new string('c', 101) },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Each_fault_is_named_and_nothing_is_stored(string field, Action<JsonObject> spoil)
    {
        var body = ReferralsApiCalls.Referral(ReferralsApiCalls.NhsNumber(14));
        spoil(body);

        var response = await _api.Coordinator.PostAsJsonAsync("/api/referrals", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains(field, problem!.Errors.Keys);
        Assert.Equal(0, await _api.QueryAsync(db => db.Referrals.CountAsync()));
    }

    [Fact]
    public async Task A_second_open_referral_for_the_same_person_is_shown_against_the_first()
    {
        var nhs = ReferralsApiCalls.NhsNumber(15);
        var first = (await _api.CreateReferralAsync(ReferralsApiCalls.Referral(nhs))).GetProperty("id").GetGuid();
        var other = await _api.CreateReferralAsync(ReferralsApiCalls.Referral(ReferralsApiCalls.NhsNumber(16)));

        var second = await _api.CreateReferralAsync(ReferralsApiCalls.Referral(nhs.Insert(3, " ").Insert(7, " ")));

        Assert.Equal(first, second.GetProperty("possibleDuplicateOf").GetGuid());
        Assert.Equal(JsonValueKind.Null, other.GetProperty("possibleDuplicateOf").ValueKind);
        Assert.Equal(2, await _api.QueryAsync(db => db.Referrals.CountAsync(r => r.NhsNumber == nhs)));
    }

    [Fact]
    public async Task A_closed_referral_is_no_duplicate_of_a_new_one()
    {
        var nhs = ReferralsApiCalls.NhsNumber(17);
        var first = (await _api.CreateReferralAsync(ReferralsApiCalls.Referral(nhs))).GetProperty("id").GetGuid();
        await _api.MoveAsync(first, new { action = "cancel", reason = "The practice withdrew it" });

        var second = await _api.CreateReferralAsync(ReferralsApiCalls.Referral(nhs));

        Assert.Equal(JsonValueKind.Null, second.GetProperty("possibleDuplicateOf").ValueKind);
    }

    [Fact]
    public async Task A_persons_referrals_are_found_by_NHS_number_in_the_body_and_each_read_is_audited()
    {
        var nhs = ReferralsApiCalls.NhsNumber(18);
        var first = (await _api.CreateReferralAsync(ReferralsApiCalls.Referral(nhs))).GetProperty("id").GetGuid();
        await _api.MoveAsync(first, new { action = "cancel", reason = "Sent in error by the practice" });
        var second = (await _api.CreateReferralAsync(ReferralsApiCalls.Referral(nhs))).GetProperty("id").GetGuid();
        await _api.CreateReferralAsync(ReferralsApiCalls.Referral(ReferralsApiCalls.NhsNumber(19)));

        var all = await _api.PostAsync("/api/referrals/search", new { nhsNumber = nhs });
        var open = await _api.PostAsync("/api/referrals/search", new { nhsNumber = nhs, openOnly = true });

        Assert.Equal([second, first], all.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        Assert.Equal([second], open.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        var trail = await _api.AuditOfAsync(nhs);
        Assert.Equal(2, trail.Count(a => a.Action == "referral.search"));
        Assert.Equal(3, trail.Count(a => a.Action == "referral.read" && a.UserId == "user-care-coordinator"));
    }

    [Fact]
    public async Task A_retried_intake_with_the_same_key_returns_the_first_answer_and_creates_nothing()
    {
        var body = ReferralsApiCalls.Referral(ReferralsApiCalls.NhsNumber(20));
        async Task<HttpResponseMessage> Send()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/referrals") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "intake-20");
            return await _api.Coordinator.SendAsync(request);
        }

        var first = await Send();
        var retry = await Send();

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(1, await _api.QueryAsync(db => db.Referrals.CountAsync()));
        Assert.Equal(1, await _api.QueryAsync(db => db.Set<CareMesh.Messaging.Outbox.OutboxMessage>().CountAsync()));
    }

    [Fact]
    public async Task Nothing_in_a_referrals_URLs_names_the_person()
    {
        var created = await _api.Coordinator.PostAsJsonAsync("/api/referrals", ReferralsApiCalls.Referral(ReferralsApiCalls.NhsNumber(21)));

        Assert.DoesNotContain(ReferralsApiCalls.NhsNumber(21), created.Headers.Location!.OriginalString);
        Assert.Equal(ReferralStatus.Received, (await _api.QueryAsync(db => db.Referrals.SingleAsync())).Status);
    }
}
