using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMesh.Messaging.Inbox;
using CareMesh.Testing;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.CarePlans.Tests.Plans;

/// <summary>A plan opened as a draft: by an accepted referral (once, however often it arrives) or by hand.</summary>
public class DraftPlanTests(CarePlansServiceFactory factory) : IClassFixture<CarePlansServiceFactory>, IAsyncLifetime
{
    private readonly CarePlansApiCalls _api = new(factory);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_accepted_referral_opens_one_draft_however_often_it_is_delivered_and_it_is_announced_once()
    {
        await factory.Broker.BindQueueAsync(CarePlansApiCalls.Exchange("CarePlanDrafted"), "drafted-probe");
        var accepted = CarePlansApiCalls.Accepted("9434765919");
        var messageId = Guid.NewGuid();
        await _api.PublishAsync(accepted, messageId);
        // Redelivered (same message id), then sent again as a new message: still one plan.
        await _api.PublishAsync(accepted, messageId);
        await _api.PublishAsync(accepted, Guid.NewGuid());
        await Eventually.TrueAsync(async () => await _api.QueryAsync(db => db.Set<InboxMessage>().CountAsync()) == 2
                                               && await factory.Broker.CountMessagesAsync("care-plans-referral-accepted") == 0, what: "every copy consumed");

        var plans = await _api.QueryAsync(db => db.Plans.ToListAsync());
        var plan = await _api.GetAsync($"/api/care-plans/{Assert.Single(plans).Id}");
        Assert.Equal(accepted.ReferralId, plan.GetProperty("referralId").GetGuid());
        Assert.Equal(("draft", 1), (plan.GetProperty("status").GetString(), plan.GetProperty("version").GetInt32()));
        var sections = plan.GetProperty("sections");
        Assert.Equal("To get back to the allotment", sections.GetProperty("aboutMe").GetProperty("whatMatters").GetString());
        Assert.Equal(["social-isolation", "mobility"], sections.GetProperty("needs").EnumerateArray().Select(n => n.GetProperty("domain").GetString()));
        Assert.Equal(["lives-alone", "frailty"], sections.GetProperty("safeguardingAndRisk").GetProperty("riskFlags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(CarePlansApiCalls.CoordinatorUserId, sections.GetProperty("careCoordinator").GetProperty("userId").GetString());
        Assert.Equal("Dr Asha Patel", sections.GetProperty("namedClinicalContact").GetProperty("name").GetString());
        // Nothing said about sharing yet: the GP gets codes only.
        Assert.Equal("codes-only", sections.GetProperty("consent").GetProperty("gpSharing").GetString());
        Assert.Equal("Ada", plan.GetProperty("person").GetProperty("givenName").GetString());

        var drafted = await _api.PublishedAsync("drafted-probe", m => m.GetProperty("carePlanId").GetGuid() == plans[0].Id, seen => seen.Count >= 1, "CarePlanDrafted");
        await Task.Delay(300);
        drafted.AddRange((await factory.Broker.TakeMessagesAsync("drafted-probe")).Where(m => m.GetProperty("carePlanId").GetGuid() == plans[0].Id));
        Assert.Equal(1, Assert.Single(drafted).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_plan_is_opened_by_hand_once_per_person_and_a_referral_for_someone_with_an_open_plan_opens_no_second()
    {
        var opened = await _api.OpenAsync("9434765919");
        var second = await _api.Coordinator.PostAsJsonAsync("/api/care-plans", CarePlansApiCalls.OpenRequest("9434765919"));
        await _api.PublishAsync(CarePlansApiCalls.Accepted("9434765919"), Guid.NewGuid());
        await Eventually.TrueAsync(async () => await _api.QueryAsync(db => db.Set<InboxMessage>().CountAsync()) == 1, what: "the referral consumed");

        Assert.Equal("Seeing my grandchildren", opened.GetProperty("sections").GetProperty("aboutMe").GetProperty("whatMatters").GetString());
        Assert.Equal(JsonValueKind.Null, opened.GetProperty("referralId").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(opened.GetProperty("id").GetGuid(), (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("carePlanId").GetGuid());
        Assert.Equal(1, await _api.QueryAsync(db => db.Plans.CountAsync()));
    }

    [Fact]
    public async Task Bad_input_names_every_field_at_fault_and_changes_nothing()
    {
        var request = CarePlansApiCalls.OpenRequest("9434765918");
        request.Remove("givenName");
        request["sections"]!["carers"] = new System.Text.Json.Nodes.JsonObject { ["assessment"] = "maybe" };
        request["sections"]!["personalHealthBudget"] = new System.Text.Json.Nodes.JsonObject { ["status"] = "agreed" };

        var response = await _api.Coordinator.PostAsJsonAsync("/api/care-plans", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in (string[])["nhsNumber", "givenName", "sections.carers.assessment", "sections.personalHealthBudget.amount"])
        {
            Assert.True(errors.TryGetProperty(field, out _), $"{field} not named in {errors}");
        }

        Assert.Equal(0, await _api.QueryAsync(db => db.Plans.CountAsync()));
        Assert.Equal(0, await _api.QueryAsync(db => db.Patients.CountAsync()));
    }

    [Fact]
    public async Task A_risk_flag_longer_than_its_limit_is_refused_as_the_document_says()
    {
        var request = CarePlansApiCalls.OpenRequest("9434765919");
        request["sections"]!["safeguardingAndRisk"] = new System.Text.Json.Nodes.JsonObject { ["riskFlags"] = new System.Text.Json.Nodes.JsonArray(new string('r', 101)) };

        var response = await _api.Coordinator.PostAsJsonAsync("/api/care-plans", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("at most 100 characters", errors.GetProperty("sections.safeguardingAndRisk.riskFlags")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await _api.QueryAsync(db => db.Plans.CountAsync()));
    }

    [Fact]
    public async Task Sections_are_written_under_if_match_and_a_stale_revision_is_refused()
    {
        var plan = await _api.OpenAsync("9434765919");
        var id = plan.GetProperty("id").GetGuid();
        var sections = new
        {
            aboutMe = new { whatMatters = "Walking to the shops again", strengths = "Determined" },
            carers = new { unpaidCarerIdentified = true, carerName = "Grace Hopper", relationship = "daughter", assessment = "offered" },
            personalHealthBudget = new { status = "agreed", amount = 1200.50m, reviewOn = "2026-09-01" },
            consent = new { consentToShare = true, gpSharing = "full-plan" },
            careCoordinator = new { userId = CarePlansApiCalls.CoordinatorUserId, name = "Sam Jones" },
        };

        var written = await _api.SendAsync(HttpMethod.Put, $"/api/care-plans/{id}/sections", sections, ifMatch: "\"1\"");
        await _api.SendAsync(HttpMethod.Put, $"/api/care-plans/{id}/sections", sections, expected: HttpStatusCode.PreconditionFailed, ifMatch: "\"1\"");

        Assert.Equal(2, written.GetProperty("revision").GetInt32());
        Assert.Equal("Grace Hopper", written.GetProperty("sections").GetProperty("carers").GetProperty("carerName").GetString());
        Assert.Equal(1200.50m, written.GetProperty("sections").GetProperty("personalHealthBudget").GetProperty("amount").GetDecimal());
        var read = await _api.GetAsync($"/api/care-plans/{id}");
        Assert.Equal("Walking to the shops again", read.GetProperty("sections").GetProperty("aboutMe").GetProperty("whatMatters").GetString());
        Assert.Empty(read.GetProperty("sections").GetProperty("needs").EnumerateArray());
        Assert.Equal(1, read.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_closed_plan_takes_no_more_changes_and_closing_is_announced()
    {
        await factory.Broker.BindQueueAsync(CarePlansApiCalls.Exchange("CarePlanClosed"), "closed-probe");
        var id = (await _api.OpenAsync("9434765919")).GetProperty("id").GetGuid();

        var closed = await _api.PostAsync($"/api/care-plans/{id}/close", new { reason = "person-declined", note = "Prefers to manage alone" });
        var again = await _api.Coordinator.PostAsJsonAsync($"/api/care-plans/{id}/close", new { reason = "episode-ended" });
        var write = await _api.Coordinator.PutAsJsonAsync($"/api/care-plans/{id}/sections", new { });

        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Empty(closed.GetProperty("allowedSteps").EnumerateArray());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, write.StatusCode);
        var published = await _api.PublishedAsync("closed-probe", m => m.GetProperty("carePlanId").GetGuid() == id, seen => seen.Count >= 1, "CarePlanClosed");
        Assert.Equal("person-declined", published[0].GetProperty("reason").GetString());
        // A new episode can open a new plan beside the closed one.
        await _api.OpenAsync("9434765919");
    }
}
