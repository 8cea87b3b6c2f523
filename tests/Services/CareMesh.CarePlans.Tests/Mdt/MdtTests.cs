using CareMesh.Contracts.Meetings;
using CareMesh.Messaging.Inbox;
using CareMesh.Testing;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.CarePlans.Tests.Mdt;

/// <summary>An MDT's decisions and actions reaching the person's open plan, once each.</summary>
public class MdtTests(CarePlansServiceFactory factory) : IClassFixture<CarePlansServiceFactory>, IAsyncLifetime
{
    private readonly CarePlansApiCalls _api = new(factory);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Decisions_join_the_history_and_mdt_actions_become_plan_actions_that_follow_reassignment_and_completion()
    {
        var id = (await _api.OpenAsync("9434765919")).GetProperty("id").GetGuid();
        var (meeting, item, mdtAction) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var discussed = new PatientDiscussedAtMdt(meeting, item, "9434765919", new DateTimeOffset(2026, 3, 24, 10, 0, 0, TimeSpan.Zero), ["Refer to falls clinic", "Review in a month"], "Call her daughter");
        var assigned = new MdtActionAssigned(mdtAction, meeting, item, "9434765919", "Book the falls clinic", "user-link-worker", "Priya Shah", null, new DateOnly(2026, 4, 7), DateTimeOffset.UtcNow);
        foreach (var message in new object[] { discussed, assigned })
        {
            await _api.PublishAsync(message, Guid.NewGuid());
            await _api.PublishAsync(message, Guid.NewGuid());
        }

        await Eventually.TrueAsync(async () => await _api.QueryAsync(db => db.Set<InboxMessage>().CountAsync()) == 4, what: "the discussion and the assignment consumed");

        // Reassigned later (an older assignment arriving after it would change nothing: MdtAssignedAt).
        await _api.PublishAsync(assigned with
        {
            OwnerUserId = CarePlansApiCalls.CoordinatorUserId, OwnerName = "Sam Jones", DueOn = new DateOnly(2026, 4, 14), AssignedAt = assigned.AssignedAt.AddMinutes(5),
        }, Guid.NewGuid());
        // About someone with no plan here: nothing to join.
        await _api.PublishAsync(assigned with { ActionId = Guid.NewGuid(), NhsNumber = "9449305552" }, Guid.NewGuid());
        await Eventually.TrueAsync(async () => await _api.QueryAsync(db => db.Set<InboxMessage>().CountAsync()) == 6, what: "the reassignment consumed");
        await _api.PublishAsync(new MdtActionCompleted(mdtAction, meeting, "9434765919", "Clinic on 14 April", "user-link-worker", DateTimeOffset.UtcNow), Guid.NewGuid());
        await Eventually.TrueAsync(async () => await _api.QueryAsync(db => db.Set<InboxMessage>().CountAsync()) == 7, what: "the completion consumed");

        var plan = await _api.GetAsync($"/api/care-plans/{id}");
        var action = Assert.Single(plan.GetProperty("actions").EnumerateArray());
        Assert.Equal((mdtAction, "Sam Jones", "2026-04-14", "done"), (action.GetProperty("mdtActionId").GetGuid(), action.GetProperty("owner").GetProperty("name").GetString(),
            action.GetProperty("dueOn").GetString(), action.GetProperty("status").GetString()));
        Assert.Equal(3, action.GetProperty("updates").GetArrayLength());
        var history = await _api.QueryAsync(db => db.History.Where(h => h.PlanId == id && h.Subject == CareMesh.CarePlans.Plans.HistorySubject.Mdt).ToListAsync());
        Assert.Equal("Discussed at MDT on 24 March 2026. Decisions: Refer to falls clinic; Review in a month. Next steps: Call her daughter", Assert.Single(history).Note);
        Assert.Equal(1, await _api.QueryAsync(db => db.Actions.CountAsync()));
    }
}
