using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMesh.Contracts.Directory;
using CareMesh.Contracts.Referrals;
using CareMesh.Messaging.Inbox;
using CareMesh.Testing;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.CarePlans.Tests.Goals;

/// <summary>Goals and actions through their lifecycles, and actions following onward referrals and the directory.</summary>
public class GoalsAndActionsTests(CarePlansServiceFactory factory) : IClassFixture<CarePlansServiceFactory>, IAsyncLifetime
{
    private static readonly Guid WalkingGroup = Guid.Parse("0193a1b2-7c00-7000-8000-000000000300");
    private readonly CarePlansApiCalls _api = new(factory);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_goal_moves_through_its_lifecycle_with_progress_notes_and_a_step_it_does_not_allow_is_refused()
    {
        var plan = await _api.OpenAsync("9434765919");
        var id = plan.GetProperty("id").GetGuid();
        var added = await _api.PostAsync($"/api/care-plans/{id}/goals", new { text = "Get back to the allotment", targetDate = "2026-06-30" }, expected: HttpStatusCode.Created);
        var goal = Assert.Single(added.GetProperty("goals").EnumerateArray());
        var goalId = goal.GetProperty("id").GetGuid();
        Assert.Equal(("proposed", "2026-06-30"), (goal.GetProperty("status").GetString(), goal.GetProperty("targetDate").GetString()));

        await _api.PostAsync($"/api/care-plans/{id}/goals/{goalId}/progress", new { step = "start" });
        await _api.PostAsync($"/api/care-plans/{id}/goals/{goalId}/progress", new { note = "Walked to the end of the road" });
        await _api.PostAsync($"/api/care-plans/{id}/goals/{goalId}/progress", new { step = "hold", note = "In hospital for a week" });
        await _api.PostAsync($"/api/care-plans/{id}/goals/{goalId}/progress", new { step = "resume" });
        var achieved = await _api.PostAsync($"/api/care-plans/{id}/goals/{goalId}/progress", new { step = "partly-achieve", note = "Goes with her neighbour, not alone" });
        var refused = await _api.Coordinator.PostAsJsonAsync($"/api/care-plans/{id}/goals/{goalId}/progress", new { step = "resume" });
        var unknown = await _api.Coordinator.PostAsJsonAsync($"/api/care-plans/{id}/goals/{goalId}/progress", new { step = "finish" });
        var empty = await _api.Coordinator.PostAsJsonAsync($"/api/care-plans/{id}/goals/{goalId}/progress", new { });

        var final = Assert.Single(achieved.GetProperty("goals").EnumerateArray());
        Assert.Equal("partly-achieved", final.GetProperty("status").GetString());
        Assert.Empty(final.GetProperty("allowedSteps").EnumerateArray());
        Assert.Equal(
            [("proposed", "active", null), (null, null, "Walked to the end of the road"), ("active", "on-hold", "In hospital for a week"), ("on-hold", "active", null),
             ("active", "partly-achieved", "Goes with her neighbour, not alone")],
            final.GetProperty("progress").EnumerateArray().Select(p => (Text(p, "fromStatus"), Text(p, "toStatus"), Text(p, "note"))));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var conflict = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("partly-achieved", conflict.GetProperty("currentStatus").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("step", out _));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        // Refusals record nothing.
        Assert.Equal(5, await _api.QueryAsync(db => db.History.CountAsync()));
    }

    [Fact]
    public async Task Actions_have_owners_of_four_kinds_each_checked_and_move_through_their_workflow()
    {
        var id = (await _api.OpenAsync("9434765919")).GetProperty("id").GetGuid();
        await _api.PostAsync($"/api/care-plans/{id}/actions", Action("Call Grace about the carers' centre", new { kind = "named-person", userId = "user-link-worker", name = "Priya Shah" }),
            expected: HttpStatusCode.Created);
        await _api.PostAsync($"/api/care-plans/{id}/actions", Action("Benefits check", new { kind = "team-role", role = "health-coach", name = "Whoever is on duty" }),
            expected: HttpStatusCode.Created);
        await _api.PostAsync($"/api/care-plans/{id}/actions", Action("Walk to the post box daily", new { kind = "the-person" }), expected: HttpStatusCode.Created);
        var plan = await _api.PostAsync($"/api/care-plans/{id}/actions", Action("Join the walking group",
            new { kind = "directory-service", serviceId = WalkingGroup, serviceName = "Chapel Allerton walking group" }), expected: HttpStatusCode.Created);
        var bad = await _api.Coordinator.PostAsJsonAsync($"/api/care-plans/{id}/actions", new { description = "", owner = new { kind = "directory-service", serviceName = "X" }, dueOn = "2026-04-01" });
        var noGoal = await _api.Coordinator.PostAsJsonAsync($"/api/care-plans/{id}/actions", Action("Towards nothing", new { kind = "the-person" }, goalId: Guid.NewGuid()));

        var actions = plan.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(["named-person", "team-role", "the-person", "directory-service"], actions.Select(a => a.GetProperty("owner").GetProperty("kind").GetString()));
        Assert.Equal("Priya Shah", actions[0].GetProperty("owner").GetProperty("name").GetString());
        Assert.Equal("health-coach", actions[1].GetProperty("owner").GetProperty("role").GetString());
        Assert.Equal(WalkingGroup, actions[3].GetProperty("owner").GetProperty("serviceId").GetGuid());
        Assert.Equal("2026-04-01", actions[3].GetProperty("dueOn").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("description", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("owner.serviceId", out _), errors.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, noGoal.StatusCode);

        var actionId = actions[2].GetProperty("id").GetGuid();
        await _api.PostAsync($"/api/care-plans/{id}/actions/{actionId}/progress", new { step = "start" });
        var done = await _api.PostAsync($"/api/care-plans/{id}/actions/{actionId}/progress", new { step = "complete", note = "Every day this week" });
        var again = await _api.Coordinator.PostAsJsonAsync($"/api/care-plans/{id}/actions/{actionId}/progress", new { step = "start" });
        Assert.Equal("done", done.GetProperty("actions")[2].GetProperty("status").GetString());
        Assert.Equal(2, done.GetProperty("actions")[2].GetProperty("updates").GetArrayLength());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(4, await _api.QueryAsync(db => db.Actions.CountAsync()));
    }

    [Fact]
    public async Task An_action_asking_for_an_onward_referral_follows_its_events_once_each_and_ignores_news_overtaken()
    {
        var id = (await _api.OpenAsync("9434765919")).GetProperty("id").GetGuid();
        var plan = await _api.PostAsync($"/api/care-plans/{id}/actions", Action("Refer to the walking group",
            new { kind = "directory-service", serviceId = WalkingGroup, serviceName = "Chapel Allerton walking group" }, onwardReferral: true), expected: HttpStatusCode.Created);
        var action = plan.GetProperty("actions")[0];
        var actionId = action.GetProperty("id").GetGuid();
        Assert.Equal("requested", action.GetProperty("onwardReferral").GetProperty("status").GetString());
        var (onward, referral) = (Guid.NewGuid(), Guid.NewGuid());

        var accepted = new OnwardReferralAccepted(onward, referral, WalkingGroup, Guid.NewGuid(), actionId, DateTimeOffset.UtcNow);
        var messageId = Guid.NewGuid();
        await _api.PublishAsync(accepted, messageId);
        await _api.PublishAsync(accepted, messageId);
        await _api.PublishAsync(accepted, Guid.NewGuid());
        await _api.PublishAsync(new OnwardReferralCompleted(onward, referral, WalkingGroup, Guid.NewGuid(), actionId, "Joined; walks every Tuesday", DateTimeOffset.UtcNow), Guid.NewGuid());
        await Eventually.TrueAsync(async () => await _api.QueryAsync(db => db.Set<InboxMessage>().CountAsync()) == 3, what: "the news consumed");
        // Accepted again after completion: overtaken, changes nothing.
        await _api.PublishAsync(accepted, Guid.NewGuid());
        await Eventually.TrueAsync(async () => await _api.QueryAsync(db => db.Set<InboxMessage>().CountAsync()) == 4, what: "the late news consumed");

        var read = (await _api.GetAsync($"/api/care-plans/{id}")).GetProperty("actions")[0];
        Assert.Equal("done", read.GetProperty("status").GetString());
        Assert.Equal(("completed", onward, "Joined; walks every Tuesday"), (read.GetProperty("onwardReferral").GetProperty("status").GetString(),
            read.GetProperty("onwardReferral").GetProperty("onwardReferralId").GetGuid(), read.GetProperty("onwardReferral").GetProperty("outcome").GetString()));
        Assert.Equal([("open", "in-progress"), ("in-progress", "done")],
            read.GetProperty("updates").EnumerateArray().Select(u => (Text(u, "fromStatus")!, Text(u, "toStatus")!)));
    }

    [Fact]
    public async Task A_declined_onward_referral_leaves_the_action_open_with_the_reason_and_a_withdrawn_service_flags_its_open_actions()
    {
        var id = (await _api.OpenAsync("9434765919")).GetProperty("id").GetGuid();
        var service = new { kind = "directory-service", serviceId = WalkingGroup, serviceName = "Chapel Allerton walking group" };
        await _api.PostAsync($"/api/care-plans/{id}/actions", Action("Refer to the walking group", service, onwardReferral: true), expected: HttpStatusCode.Created);
        var plan = await _api.PostAsync($"/api/care-plans/{id}/actions", Action("Try the walking group's taster", service), expected: HttpStatusCode.Created);
        var (referred, taster) = (plan.GetProperty("actions")[0].GetProperty("id").GetGuid(), plan.GetProperty("actions")[1].GetProperty("id").GetGuid());
        await _api.PostAsync($"/api/care-plans/{id}/actions/{taster}/progress", new { step = "cancel" });

        await _api.PublishAsync(new OnwardReferralDeclined(Guid.NewGuid(), Guid.NewGuid(), WalkingGroup, null, referred, "No places until autumn", DateTimeOffset.UtcNow), Guid.NewGuid());
        var withdrawn = new DirectoryServiceWithdrawn(WalkingGroup, Guid.NewGuid(), "Chapel Allerton walking group", "Funding ended", DateTimeOffset.UtcNow);
        await _api.PublishAsync(withdrawn, Guid.NewGuid());
        await _api.PublishAsync(withdrawn, Guid.NewGuid());
        await Eventually.TrueAsync(async () => await _api.QueryAsync(db => db.Set<InboxMessage>().CountAsync()) == 3, what: "the news consumed");

        var actions = (await _api.GetAsync($"/api/care-plans/{id}")).GetProperty("actions");
        Assert.Equal(("open", "declined", "No places until autumn"), (actions[0].GetProperty("status").GetString(),
            actions[0].GetProperty("onwardReferral").GetProperty("status").GetString(), actions[0].GetProperty("onwardReferral").GetProperty("outcome").GetString()));
        Assert.True(actions[0].GetProperty("serviceWithdrawn").GetBoolean());
        Assert.Equal("Funding ended", actions[0].GetProperty("serviceWithdrawnReason").GetString());
        // One entry for the decline, one for the withdrawal, however often it was announced.
        Assert.Equal(2, actions[0].GetProperty("updates").GetArrayLength());
        Assert.False(actions[1].GetProperty("serviceWithdrawn").GetBoolean());

        // Given another home, the flag clears.
        var moved = await _api.PutAsync($"/api/care-plans/{id}/actions/{referred}", Action("Refer to the library's walking club",
            new { kind = "directory-service", serviceId = Guid.NewGuid(), serviceName = "Library walking club" }, onwardReferral: true));
        Assert.False(moved.GetProperty("actions")[0].GetProperty("serviceWithdrawn").GetBoolean());
    }

    private static object Action(string description, object owner, Guid? goalId = null, bool onwardReferral = false) =>
        new { description, owner, dueOn = "2026-04-01", goalId, onwardReferral };

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
